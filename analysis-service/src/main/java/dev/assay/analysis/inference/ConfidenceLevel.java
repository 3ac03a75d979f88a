package dev.assay.analysis.inference;

import dev.assay.analysis.distributions.StandardNormal;

/** A two-sided confidence level in (0, 1), e.g. 0.95. */
public record ConfidenceLevel(double value) {
  /** The default level, 0.95. */
  public static final ConfidenceLevel DEFAULT = new ConfidenceLevel(0.95);

  /** Validates the level. */
  public ConfidenceLevel {
    if (!(value > 0.0 && value < 1.0)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1): " + value);
    }
  }

  /** The tail probability on each side, (1 - level) / 2. */
  public double tailProbability() {
    return (1.0 - value) / 2.0;
  }

  /** The normal critical value z with P(Z > z) = (1 - level) / 2. */
  public double normalCriticalValue() {
    return StandardNormal.upperQuantile(tailProbability());
  }
}
