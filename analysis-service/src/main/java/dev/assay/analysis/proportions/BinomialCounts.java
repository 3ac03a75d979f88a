package dev.assay.analysis.proportions;

/** Successes out of trials in one group; 0 <= successes <= trials and trials >= 1. */
public record BinomialCounts(long successes, long trials) {
  /** Validates the counts; callers validate user input before constructing. */
  public BinomialCounts {
    if (trials < 1 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException("invalid counts: " + successes + " of " + trials);
    }
  }

  /** successes / trials. */
  public double rate() {
    return (double) successes / trials;
  }

  /** The variance of the estimated rate, p(1 - p) / n. */
  public double varianceOfRate() {
    double p = rate();
    return p * (1.0 - p) / trials;
  }
}
