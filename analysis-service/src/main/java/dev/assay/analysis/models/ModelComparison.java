package dev.assay.analysis.models;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.ranks.MannWhitneyTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compares model variants from per-request records: regression accuracy (sklearn's
 * mean_squared_error, mean_absolute_error, r2_score), latency percentiles (numpy.percentile), and a
 * one-sided Mann-Whitney test of whether each variant's latency is worse than the baseline's
 * (latency distributions are skewed, so a rank test rather than a t-test).
 */
public final class ModelComparison {
  private ModelComparison() {}

  /** Whether the actuals are all equal, so R^2 is undefined. */
  public static boolean hasConstantActuals(double[] actuals) {
    return Arrays.stream(actuals).allMatch(a -> a == actuals[0]);
  }

  /**
   * Metrics of every variant, the first being the baseline (each with at least two records, equal
   * column lengths and non-constant actuals; callers validate).
   */
  public static List<ModelMetrics> compare(List<ModelRecords> variants, double alpha) {
    double[] baselineLatencies = variants.get(0).latenciesMillis();
    List<ModelMetrics> metrics = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      ModelRecords records = variants.get(v);
      double[] sorted = records.latenciesMillis().clone();
      Arrays.sort(sorted);
      double p = 1.0;
      if (v > 0
          && !MannWhitneyTest.isConstant(
              baselineLatencies, baselineLatencies.length, sorted, sorted.length)) {
        p =
            MannWhitneyTest.test(
                    baselineLatencies.clone(),
                    baselineLatencies.length,
                    sorted.clone(),
                    sorted.length,
                    Alternative.GREATER,
                    Optional.empty(),
                    true)
                .pValue();
      }
      metrics.add(
          accuracy(
              records,
              Percentile.of(sorted, 0.5),
              Percentile.of(sorted, 0.95),
              Percentile.of(sorted, 0.99),
              p,
              v > 0 && p < alpha));
    }
    return metrics;
  }

  private static ModelMetrics accuracy(
      ModelRecords records, double p50, double p95, double p99, double latencyP, boolean isWorse) {
    double[] y = records.actuals();
    double[] prediction = records.predictions();
    int n = y.length;
    double mean = Arrays.stream(y).sum() / n;
    double squared = 0.0;
    double absolute = 0.0;
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      double error = prediction[i] - y[i];
      squared += error * error;
      absolute += Math.abs(error);
      total += (y[i] - mean) * (y[i] - mean);
    }
    return new ModelMetrics(
        records.name(),
        n,
        squared / n,
        absolute / n,
        1.0 - squared / total,
        p50,
        p95,
        p99,
        latencyP,
        isWorse);
  }
}
