package dev.assay.analysis.api;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One valid request per analysis RPC, in protobuf text format, that {@link HostileRequests}
 * mutates: a hostile value in an otherwise valid request reaches the statistics instead of stopping
 * at the first check. A request type without a seed is generated from scratch only.
 */
final class ValidSeeds {
  private static final String SUMMARY = "{ count: 100 mean: 1 variance: 2 }";
  private static final String SUMMARY_B = "{ count: 120 mean: 1.3 variance: 2.5 }";

  private static final Map<String, String> TEXT =
      Map.ofEntries(
          Map.entry(
              "TTestRequest",
              "summaries { control "
                  + SUMMARY
                  + " treatment "
                  + SUMMARY_B
                  + " }"
                  + " options { confidence_level: 0.95 }"),
          Map.entry(
              "StreamTTestRequest",
              "control_values: [1, 2, 3.5, 4] treatment_values: [2, 3, 5, 6.5]"),
          Map.entry(
              "MannWhitneyTestRequest",
              "samples { control { values: [1, 2, 3.5, 4, 8] } treatment { values: [2, 3, 5, 6.5]"
                  + " } }"),
          Map.entry(
              "StreamMannWhitneyTestRequest",
              "control_values: [1, 2, 3.5, 4] treatment_values: [2, 3, 5, 6.5]"),
          Map.entry(
              "TwoProportionTestRequest",
              "control { successes: 100 trials: 1000 } treatment { successes: 120 trials: 1000 }"
                  + " confidence_level: 0.95"),
          Map.entry(
              "ProportionIntervalRequest",
              "counts { successes: 10 trials: 100 } confidence_level: 0.9"),
          Map.entry(
              "ChiSquareTestRequest", "rows { counts: [10, 20, 30] } rows { counts: [15, 25, 5] }"),
          Map.entry(
              "CheckSampleRatioRequest",
              "observed_counts: [1000, 1040] expected_weights: [0.5, 0.5] p_value_threshold: 0.001"),
          Map.entry("AdjustPValuesRequest", "p_values: [0.01, 0.04, 0.03, 0.2] alpha: 0.05"),
          Map.entry(
              "CupedTestRequest",
              "summaries { control { count: 100 mean: 1 variance: 2 covariate_mean: 0.9"
                  + " covariate_variance: 1.8 covariance: 1.2 } treatment { count: 110 mean: 1.2"
                  + " variance: 2.1 covariate_mean: 0.95 covariate_variance: 1.9 covariance: 1.3"
                  + " } }"),
          Map.entry(
              "RatioMetricTestRequest",
              "summaries { control { count: 100 numerator_mean: 2 denominator_mean: 4"
                  + " numerator_variance: 1 denominator_variance: 2 covariance: 0.5 } treatment {"
                  + " count: 100 numerator_mean: 2.2 denominator_mean: 4.1 numerator_variance: 1.1"
                  + " denominator_variance: 2 covariance: 0.6 } }"),
          Map.entry(
              "SolveProportionPowerRequest",
              "baseline_rate: 0.1 minimum_detectable_effect: 0.01 design { power: 0.8 alpha:"
                  + " 0.05 daily_eligible_units: 5000 allocation_ratio: 1 }"),
          Map.entry(
              "SolveMeanPowerRequest",
              "standard_deviation: 2 design { control_sample_size: 200 alpha: 0.05 }"
                  + " minimum_detectable_effect: 0.5"),
          Map.entry(
              "CompareProportionsRequest",
              "control { successes: 120 trials: 1000 } variants { successes: 150 trials: 1000 }"
                  + " prior { alpha: 1 beta: 1 } credible_level: 0.95"),
          Map.entry(
              "CompareMeansRequest",
              "control " + SUMMARY + " variants " + SUMMARY_B + " credible_level: 0.95"),
          Map.entry(
              "AnalyzeAlwaysValidRequest",
              "mixing_variance: 0.0001 alpha: 0.05 looks { proportions { control { successes:"
                  + " 100 trials: 1000 } treatment { successes: 130 trials: 1000 } } } looks {"
                  + " means { control "
                  + SUMMARY
                  + " treatment "
                  + SUMMARY_B
                  + " } }"),
          Map.entry(
              "ComputeBoundariesRequest",
              "information_fractions: [0.25, 0.5, 0.75, 1] alpha: 0.05"),
          Map.entry(
              "AnalyzeExperimentRequest",
              "arm_names: ['control', 'treatment'] assigned_units: [10000, 10040]"
                  + " expected_weights: [0.5, 0.5] primary_metric { name: 'conversion' arms {"
                  + " counts { successes: 1000 trials: 10000 } } arms { counts { successes: 1150"
                  + " trials: 10040 } } } guardrails { relative_margin: 0.02 metric { name:"
                  + " 'latency' arms { summary { count: 10000 mean: 200 variance: 400 } } arms {"
                  + " summary { count: 10040 mean: 199.5 variance: 400 } } } }"),
          Map.entry(
              "CompareModelsRequest",
              "variants { name: 'a' actuals: [3, 5, 7, 9] predictions: [3.5, 4.5, 7.5, 8]"
                  + " latencies_ms: [12, 15, 11, 30] } variants { name: 'b' actuals: [2, 6, 8, 9]"
                  + " predictions: [2.2, 5.9, 8.3, 9.1] latencies_ms: [20, 25, 22, 41] }"));

  private ValidSeeds() {}

  /** The valid seed of {@code prototype}'s type, if there is one. */
  static Optional<Message> of(Message prototype) {
    String text = TEXT.get(prototype.getDescriptorForType().getName());
    if (text == null) {
      return Optional.empty();
    }
    Message.Builder builder = prototype.newBuilderForType();
    try {
      TextFormat.merge(text, builder);
    } catch (TextFormat.ParseException e) {
      throw new IllegalStateException(
          "bad seed for " + prototype.getDescriptorForType().getFullName(), e);
    }
    return Optional.of(builder.build());
  }
}
