package dev.assay.cli;

import dev.assay.cli.audit.AuditCommand;
import dev.assay.cli.bandit.BanditCommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.ConnectionOptions;
import dev.assay.cli.experiments.ExperimentsCommand;
import dev.assay.cli.explain.ExplainCommand;
import dev.assay.cli.flags.FlagsCommand;
import dev.assay.cli.metrics.MetricsCommand;
import dev.assay.cli.overrides.OverridesCommand;
import dev.assay.cli.power.SampleSizeCommand;
import dev.assay.cli.results.ResultsCommand;
import dev.assay.cli.stats.MannWhitneyCommand;
import dev.assay.cli.stats.TTestCommand;
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
      ExperimentsCommand.class,
      FlagsCommand.class,
      OverridesCommand.class,
      ExplainCommand.class,
      ResultsCommand.class,
      MetricsCommand.class,
      SampleSizeCommand.class,
      TTestCommand.class,
      MannWhitneyCommand.class,
      BanditCommand.class,
      TokensCommand.class,
      AuditCommand.class,
      GenerateCompletion.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:bad input: a missing or bad option, argument or file, or a request the server refused"
          + " (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, PERMISSION_DENIED...)",
      "2:unavailable: the service could not answer (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL...)"
    })
public final class AssayCommand implements Callable<Integer> {
  /** Every command succeeded. */
  public static final int OK = 0;

  /** Bad input: a usage error (nothing was sent) or a request the server refused. */
  public static final int BAD_INPUT = 1;

  /** The service could not answer: unreachable, too slow, or failed internally. */
  public static final int UNAVAILABLE = 2;

  @Mixin private final ConnectionOptions connection = new ConnectionOptions();

  @SuppressWarnings("NullAway.Init") // injected by picocli before any command runs
  @Spec
  private CommandSpec spec;

  private final Clock clock;
  private final SecureRandom random;
  private final boolean stderrTerminal;
  private AssayService called = AssayService.ASSIGNMENT;

  AssayCommand(Clock clock, SecureRandom random, boolean stderrTerminal) {
    this.clock = clock;
    this.random = random;
    this.stderrTerminal = stderrTerminal;
  }

  /** Whether standard error is a terminal, so progress bars may redraw in place. */
  public boolean isStderrTerminal() {
    return stderrTerminal;
  }

  /** Where and how to connect, as given on the command line or in the environment. */
  public ConnectionOptions connection() {
    return connection;
  }

  /** The service the command called last, so a failure report names its address. */
  public AssayService calledService() {
    return called;
  }

  void call(AssayService service) {
    called = service;
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
    return BAD_INPUT;
  }
}
