package dev.assay.analysis.experiment;

import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.proportions.BinomialCounts;
import java.util.List;

/**
 * A metric in every arm (control first): conversion counts or mean summaries, never both.
 *
 * @param name display name
 * @param isDecreaseBetter true when lower values are improvements (latency, errors)
 * @param counts per-arm counts, or null for a mean metric
 * @param summaries per-arm summaries, or null for a conversion metric
 */
public record MetricData(
    String name,
    boolean isDecreaseBetter,
    List<BinomialCounts> counts,
    List<SampleSummary> summaries) {
  /** Number of arms. */
  public int arms() {
    return counts != null ? counts.size() : summaries.size();
  }
}
