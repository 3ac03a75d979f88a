package dev.assay.cli.power;

import dev.assay.analysis.v1.Alternative;
import dev.assay.analysis.v1.PowerDesign;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The design options both power analyses share, and which quantity is solved: the one of units, MDE
 * and power left out (power defaults to 0.8 when units or the MDE is solved).
 */
public final class PowerDesignOptions {
  /** The power solved for when units or the MDE is asked for and no power is given. */
  static final double DEFAULT_POWER = 0.8;

  @Option(
      names = "--units",
      paramLabel = "N",
      description = "Control units (treatment: N x --ratio). Leave out to solve for it.")
  private @Nullable Double units;

  @Option(
      names = "--mde",
      paramLabel = "EFFECT",
      description = "Absolute minimum detectable effect (treatment - control). Leave out to solve.")
  private @Nullable Double mde;

  @Option(
      names = "--power",
      paramLabel = "P",
      description = "Power; default 0.8 unless both --units and --mde are given (then solved).")
  private @Nullable Double power;

  @Option(names = "--alpha", paramLabel = "A", description = "Significance level; default 0.05.")
  private @Nullable Double alpha;

  @Option(
      names = "--alternative",
      paramLabel = "SIDE",
      converter = Alternatives.class,
      description = "two-sided (default), greater or less.")
  private Alternative alternative = Alternative.ALTERNATIVE_TWO_SIDED;

  @Option(
      names = "--ratio",
      paramLabel = "R",
      description = "Treatment units per control unit; default 1.")
  private @Nullable Double ratio;

  @Option(
      names = "--daily-units",
      paramLabel = "N",
      description = "Units entering per day (both arms), to report the duration.")
  private @Nullable Double dailyUnits;

  /** The MDE, or null when it is solved for. */
  @Nullable Double mde() {
    return mde;
  }

  /**
   * The design, with the solved quantity left unset.
   *
   * @throws ParameterException if the options leave more or less than one quantity to solve
   */
  PowerDesign design(CommandSpec spec) {
    PowerDesign.Builder design = PowerDesign.newBuilder().setAlternative(alternative);
    Double n = units;
    Double p = power;
    if (n == null && mde == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--units/--mde: give --mde to solve for the units, --units to solve for the MDE, or"
              + " both to solve for the power");
    }
    if (n != null && mde != null && p != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--power: --units, --mde and --power are all given; leave one out to solve for it");
    }
    if (n != null) {
      design.setControlSampleSize(n);
    }
    if (p != null) {
      design.setPower(p);
    } else if (n == null || mde == null) {
      design.setPower(DEFAULT_POWER);
    }
    if (alpha != null) {
      design.setAlpha(alpha);
    }
    if (ratio != null) {
      design.setAllocationRatio(ratio);
    }
    if (dailyUnits != null) {
      design.setDailyEligibleUnits(dailyUnits);
    }
    return design.build();
  }
}
