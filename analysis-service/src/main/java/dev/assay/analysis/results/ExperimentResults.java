package dev.assay.analysis.results;

import dev.assay.analysis.experiment.Recommendation;
import dev.assay.analysis.srm.SampleRatioResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything known about an experiment's outcome at one moment.
 *
 * @param experimentKey the experiment
 * @param asOf when the aggregates stood so
 * @param firstExposure when the first unit counted was exposed, if any
 * @param variations exposed units per variation, control first
 * @param sampleRatio the sample-ratio check, when it could run
 * @param metrics primary first, then guardrails, then secondary metrics
 * @param progress progress towards the planned size
 * @param recommendation what to do
 * @param recommendedVariation the variation to ship, with SHIP
 * @param reasons why, in plain sentences, and every figure left out
 * @param alpha the significance level used
 */
public record ExperimentResults(
    String experimentKey,
    Instant asOf,
    Optional<Instant> firstExposure,
    List<VariationShare> variations,
    Optional<SampleRatioResult> sampleRatio,
    List<MetricResult> metrics,
    Progress progress,
    Recommendation recommendation,
    Optional<String> recommendedVariation,
    List<String> reasons,
    double alpha) {
  /** Copies the lists. */
  public ExperimentResults {
    variations = List.copyOf(variations);
    metrics = List.copyOf(metrics);
    reasons = List.copyOf(reasons);
  }
}
