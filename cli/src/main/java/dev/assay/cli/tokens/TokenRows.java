package dev.assay.cli.tokens;

import com.google.protobuf.Timestamp;
import dev.assay.cli.output.TextTable;
import dev.assay.security.v1.Token;
import dev.assay.security.v1.TokenSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Tokens as table rows, and the time format every token command prints. */
final class TokenRows {
  private TokenRows() {}

  static TextTable table() {
    return new TextTable(
        "ID", "NAME", "SCOPES", "PROJECTS", "SOURCE", "CREATED", "EXPIRES", "STATE");
  }

  static void add(TextTable table, Token token, Instant now) {
    table.add(
        token.getId(),
        token.getDisplayName(),
        String.join(",", token.getScopesList()),
        token.getProjectsCount() == 0 ? "*" : String.join(",", token.getProjectsList()),
        token.getSource() == TokenSource.TOKEN_SOURCE_FILE ? "file" : "api",
        token.hasCreateTime() ? time(token.getCreateTime()) : "-",
        token.hasExpireTime() ? time(token.getExpireTime()) : "never",
        state(token, now));
  }

  static String state(Token token, Instant now) {
    if (token.hasRevokeTime()) {
      return "revoked";
    }
    if (token.hasExpireTime() && !instant(token.getExpireTime()).isAfter(now)) {
      return "expired";
    }
    return "active";
  }

  static String time(Timestamp timestamp) {
    return time(instant(timestamp));
  }

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
