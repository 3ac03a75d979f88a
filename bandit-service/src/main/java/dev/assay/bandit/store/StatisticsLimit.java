package dev.assay.bandit.store;

import dev.assay.runtime.errors.FailedPreconditionException;

/**
 * The bound every stored arm statistic stays within, ±1e300: inside it a value survives the trip
 * through Redis's text form as a finite double. Request checks keep ordinary use far below it; a
 * reward batch that would cross it anyway (statistics accumulated before those checks existed) is
 * refused whole.
 */
final class StatisticsLimit {
  /** Largest |stored statistic|. */
  static final double MAX_ABS = 1e300;

  private StatisticsLimit() {}

  /** Whether {@code value} may be stored. */
  static boolean isStorable(double value) {
    return value >= -MAX_ABS && value <= MAX_ABS;
  }

  /** The error for a batch that would take a statistic of {@code banditKey} past the bound. */
  static FailedPreconditionException exceeded(String banditKey) {
    return new FailedPreconditionException(
        "these rewards would take an arm statistic of bandit '"
            + banditKey
            + "' beyond ±1e300; nothing in the batch was applied (ResetBandit clears them)");
  }
}
