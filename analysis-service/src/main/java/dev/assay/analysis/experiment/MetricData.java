package dev.assay.analysis.experiment;

import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.proportions.BinomialCounts;
import java.util.List;

/**
 * A metric in every arm (control first): conversion counts or mean summaries, never both.
 *
 * @param name display name
 * @param isDecreaseBetter true when lower values are improvements (latency, errors)
 * @param counts per-arm counts of a conversion metric; empty for a mean metric
 * @param summaries per-arm summaries of a mean metric; empty for a conversion metric
 */
public record MetricData(
    String name,
    boolean isDecreaseBetter,
    List<BinomialCounts> counts,
    List<SampleSummary> summaries) {
  /** Requires exactly one of counts and summaries. */
  public MetricData {
    counts = List.copyOf(counts);
    summaries = List.copyOf(summaries);
    if (counts.isEmpty() == summaries.isEmpty()) {
      throw new IllegalArgumentException("a metric has either counts or summaries");
    }
  }

  /** A conversion metric: successes out of trials per arm. */
  public static MetricData conversion(
      String name, boolean isDecreaseBetter, List<BinomialCounts> counts) {
    return new MetricData(name, isDecreaseBetter, counts, List.of());
  }

  /** A mean metric: count, mean and variance per arm. */
  public static MetricData means(
      String name, boolean isDecreaseBetter, List<SampleSummary> summaries) {
    return new MetricData(name, isDecreaseBetter, List.of(), summaries);
  }

  /** Whether this is a conversion metric (counts) rather than a mean metric (summaries). */
  public boolean isConversion() {
    return !counts.isEmpty();
  }

  /** Number of arms. */
  public int arms() {
    return isConversion() ? counts.size() : summaries.size();
  }
}
