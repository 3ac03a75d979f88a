package dev.assay.analysis.inference;

import java.util.function.DoubleUnaryOperator;

/** The alternative hypothesis of a test about treatment minus control. */
public enum Alternative {
  /** Treatment differs from control in either direction. */
  TWO_SIDED,
  /** Treatment is greater than control. */
  GREATER,
  /** Treatment is less than control. */
  LESS;

  /**
   * The p-value of a statistic whose null distribution is symmetric about 0, given its upper-tail
   * function; clipped to [0, 1].
   */
  public double pValue(double statistic, DoubleUnaryOperator upperTail) {
    double p =
        switch (this) {
          case TWO_SIDED -> 2.0 * upperTail.applyAsDouble(Math.abs(statistic));
          case GREATER -> upperTail.applyAsDouble(statistic);
          case LESS -> upperTail.applyAsDouble(-statistic);
        };
    return Math.min(1.0, Math.max(0.0, p));
  }
}
