package dev.assay.cli;

import dev.assay.cli.audit.AuditCommand;
import dev.assay.cli.connection.ConnectionOptions;
import dev.assay.cli.metrics.MetricsCommand;
import dev.assay.cli.tokens.TokensCommand;
import dev.assay.runtime.config.AssayVersion;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command. It holds what every subcommand shares: the connection options (inherited, so
 * they may be given before or after the subcommand's name), the clock and the randomness.
 * Subcommands reach it through {@link AssaySubcommand}.
 */
@Command(
    name = "assay",
    // Inherited by every subcommand: --help and --version, the exit-code list, the option layout.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = AssayVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Administers Assay over its public gRPC contracts.",
    subcommands = {
      TokensCommand.class,
      AuditCommand.class,
      MetricsCommand.class,
      GenerateCompletion.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the server refused or failed the call (its gRPC status is printed)",
      "2:usage: a missing or bad option or argument"
    })
public final class AssayCommand implements Callable<Integer> {
  /** Every command succeeded. */
  public static final int OK = 0;

  /** The server refused or failed the call. */
  public static final int SERVER_ERROR = 1;

  /** A missing or bad option or argument; nothing was sent. */
  public static final int USAGE = 2;

  @Mixin private final ConnectionOptions connection = new ConnectionOptions();

  @SuppressWarnings("NullAway.Init") // injected by picocli before any command runs
  @Spec
  private CommandSpec spec;

  private final Clock clock;
  private final SecureRandom random;

  AssayCommand(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** Where and how to connect, as given on the command line or in the environment. */
  public ConnectionOptions connection() {
    return connection;
  }

  /** The time every relative time and expiry is computed from. */
  public Clock clock() {
    return clock;
  }

  /** The source of new token secrets. */
  public SecureRandom random() {
    return random;
  }

  /** Without a subcommand: the usage, as an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }
}
