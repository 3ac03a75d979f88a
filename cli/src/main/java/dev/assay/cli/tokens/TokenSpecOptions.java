package dev.assay.cli.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** What a new token is (a picocli mixin): shared by {@code tokens create} and {@code generate}. */
final class TokenSpecOptions {
  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "What the token is for, 1-200 characters (e.g. \"checkout backend, prod\").")
  String name = "";

  @Option(
      names = "--scope",
      required = true,
      paramLabel = "SCOPE",
      completionCandidates = ScopeNames.class,
      description = "A scope the token holds; repeat for more. One of: ${COMPLETION-CANDIDATES}.")
  List<String> scopes = new ArrayList<>();

  @Option(
      names = "--project",
      paramLabel = "PREFIX",
      description = "Limit the token to keys with this prefix; repeat for more. None: every key.")
  List<String> projects = new ArrayList<>();

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable ExpiryOptions expiry;

  /** When the token expires, or null for never. */
  @Nullable Instant expireTime(Clock clock) {
    return expiry == null ? null : expiry.expireTime(clock);
  }
}
