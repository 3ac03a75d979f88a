package dev.assay.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.SecuredServer;
import dev.assay.runtime.security.BearerCredentials;
import dev.assay.security.v1.AuditEvent;
import dev.assay.security.v1.CreateTokenRequest;
import dev.assay.security.v1.TokenServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir Path directory;
  private SecuredServer server;

  @BeforeEach
  void start() throws Exception {
    server = SecuredServer.start(directory);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String createToken(String name, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("tokens", "create", "--name", name, "--scope", "evaluate"));
    args.addAll(List.of(extra));
    CliResult created = Cli.run(server.asAdmin(), args.toArray(String[]::new));
    assertEquals(AssayCommand.OK, created.exitCode(), created::toString);
    String row = created.out().lines().skip(1).findFirst().orElseThrow();
    return row.substring(0, row.indexOf(' '));
  }

  @Test
  void listShowsTheTokenCreateAndRevokeWithTheActorAndReason() {
    String id = createToken("rotated", "--reason", "quarterly rotation");
    CliResult revoked =
        Cli.run(server.asAdmin(), "--reason", "leaked in a log", "tokens", "revoke", id);
    assertEquals(AssayCommand.OK, revoked.exitCode(), revoked::toString);

    CliResult listed = Cli.run(server.asAdmin(), "audit", "list", "--resource-id", id);
    assertEquals(AssayCommand.OK, listed.exitCode(), listed::toString);
    List<String> lines = listed.out().lines().toList();
    assertEquals(3, lines.size(), listed::out);
    assertTrue(lines.get(0).startsWith("TIME"), listed::out);
    String actor = "token:" + server.adminId();
    // Newest first: the revoke, then the create.
    assertTrue(lines.get(1).contains(actor), listed::out);
    assertTrue(lines.get(1).contains("TokenService/RevokeToken"), listed::out);
    assertTrue(lines.get(1).contains("token/" + id), listed::out);
    assertTrue(lines.get(1).endsWith("leaked in a log"), listed::out);
    assertTrue(lines.get(2).contains("TokenService/CreateToken"), listed::out);
    assertTrue(lines.get(2).endsWith("quarterly rotation"), listed::out);
  }

  @Test
  void filtersNarrowTheList() {
    createToken("one");
    createToken("two");
    CliResult byActor =
        Cli.run(server.asAdmin(), "audit", "list", "--actor", "token:" + server.adminId());
    assertEquals(3, byActor.out().lines().count(), byActor::out);
    CliResult otherActor = Cli.run(server.asAdmin(), "audit", "list", "--actor", "anonymous");
    assertEquals(1, otherActor.out().lines().count(), otherActor::out);
    CliResult future =
        Cli.run(server.asAdmin(), "audit", "list", "--since", "2999-01-01T00:00:00Z");
    assertEquals(1, future.out().lines().count(), future::out);
    CliResult lastHour = Cli.run(server.asAdmin(), "audit", "list", "--since", "1h");
    assertEquals(3, lastHour.out().lines().count(), lastHour::out);
    CliResult untilAnHourAgo = Cli.run(server.asAdmin(), "audit", "list", "--until", "1h");
    assertEquals(1, untilAnHourAgo.out().lines().count(), untilAnHourAgo::out);
    CliResult badTime = Cli.run(server.asAdmin(), "audit", "list", "--since", "yesterday");
    assertEquals(AssayCommand.BAD_INPUT, badTime.exitCode(), badTime::toString);
  }

  @Test
  void listFollowsPagesUpToTheLimit() {
    ManagedChannel channel = NettyChannelBuilder.forTarget(server.target()).usePlaintext().build();
    try {
      var tokens =
          TokenServiceGrpc.newBlockingStub(channel)
              .withCallCredentials(new BearerCredentials(server.adminToken()));
      for (int i = 0; i < 1005; i++) {
        tokens.createToken(
            CreateTokenRequest.newBuilder()
                .setDisplayName("bulk " + i)
                .addScopes("evaluate")
                .build());
      }
    } finally {
      channel.shutdownNow();
    }
    CliResult limited =
        Cli.run(server.asAdmin(), "audit", "list", "--limit", "1003", "--output", "json");
    assertEquals(AssayCommand.OK, limited.exitCode(), limited::toString);
    assertEquals(1003, limited.out().split("\"resource_type\"").length - 1);
    CliResult everything = Cli.run(server.asAdmin(), "audit", "list", "--limit", "5000");
    assertEquals(1 + 1005, everything.out().lines().count());
    CliResult three = Cli.run(server.asAdmin(), "audit", "list", "--limit", "3");
    assertEquals(1 + 3, three.out().lines().count());
    assertEquals(
        AssayCommand.BAD_INPUT,
        Cli.run(server.asAdmin(), "audit", "list", "--limit", "0").exitCode());
  }

  @Test
  void exportWritesOneJsonEventPerLineOldestFirst() throws Exception {
    String first = createToken("first");
    String second = createToken("second");
    CliResult exported = Cli.run(server.asAdmin(), "audit", "export");
    assertEquals(AssayCommand.OK, exported.exitCode(), exported::toString);
    List<String> lines = exported.out().lines().toList();
    assertEquals(2, lines.size(), exported::out);
    List<AuditEvent> events = new ArrayList<>();
    for (String line : lines) {
      AuditEvent.Builder event = AuditEvent.newBuilder();
      JsonFormat.parser().merge(line, event);
      events.add(event.build());
    }
    assertEquals(first, events.get(0).getResourceId());
    assertEquals(second, events.get(1).getResourceId());
    assertEquals("token:" + server.adminId(), events.get(0).getActor());
    assertEquals(
        "second", events.get(1).getAfter().getFieldsOrThrow("displayName").getStringValue());
    assertTrue(exported.err().contains("exported 2 events"), exported::err);

    CliResult filtered = Cli.run(server.asAdmin(), "audit", "export", "--resource-id", second);
    assertEquals(1, filtered.out().lines().count(), filtered::out);
  }

  @Test
  void readingTheTrailNeedsAuditRead() {
    CliResult created =
        Cli.run(
            server.asAdmin(),
            "tokens",
            "create",
            "--name",
            "no audit",
            "--scope",
            "evaluate",
            "--output",
            "json");
    String secret = created.out().replaceAll("(?s).*\"secret\": \"([^\"]+)\".*", "$1");
    CliResult refused = Cli.run(server.environment(secret), "audit", "export");
    assertEquals(AssayCommand.BAD_INPUT, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("(PERMISSION_DENIED)"), refused::err);
    assertTrue(refused.err().contains("audit:read"), refused::err);
    assertEquals("", refused.out());
  }
}
