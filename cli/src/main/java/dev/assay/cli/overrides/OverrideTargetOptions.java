package dev.assay.cli.overrides;

import dev.assay.assignment.v1.OverrideTarget;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --experiment KEY} or {@code --flag KEY}: what an override applies to. */
public final class OverrideTargetOptions {
  @ArgGroup(exclusive = true, multiplicity = "1")
  @SuppressWarnings("NullAway.Init") // multiplicity 1: picocli sets it before call()
  private Choice choice;

  static final class Choice {
    @Option(names = "--experiment", paramLabel = "KEY", description = "An experiment's key.")
    @Nullable String experiment;

    @Option(names = "--flag", paramLabel = "KEY", description = "A feature flag's key.")
    @Nullable String flag;
  }

  /** Whether the override is of an experiment (else of a flag). */
  public boolean isExperiment() {
    return choice.experiment != null;
  }

  /** The contract's form. */
  public OverrideTarget target() {
    String experiment = choice.experiment;
    String flag = choice.flag;
    return experiment != null
        ? OverrideTarget.newBuilder().setExperimentKey(experiment).build()
        : OverrideTarget.newBuilder().setFlagKey(flag == null ? "" : flag).build();
  }

  /** "experiment KEY" or "flag KEY", for messages. */
  public String describe() {
    return isExperiment() ? "experiment " + choice.experiment : "flag " + choice.flag;
  }
}
