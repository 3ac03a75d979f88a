package dev.assay.deploy;

import static dev.assay.deploy.ExperimentLoopSystemTest.assertClose;

import dev.assay.analysis.v1.BinomialCounts;
import dev.assay.analysis.v1.CheckSampleRatioRequest;
import dev.assay.analysis.v1.CheckSampleRatioResponse;
import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.MetricResults;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TTestResult;
import dev.assay.analysis.v1.TwoProportionTestRequest;
import dev.assay.analysis.v1.TwoProportionTestResponse;
import dev.assay.analysis.v1.TwoSummaries;
import dev.assay.analysis.v1.VariationMetricResult;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/**
 * The expected figures of a simulated experiment, computed offline: sufficient statistics straight
 * from the raw events (two-pass, independent of the service's incremental aggregates), then the
 * analysis service's stateless tests (checked against scipy/statsmodels in their own suites).
 */
final class OfflineReference {
  private final HypothesisTestServiceGrpc.HypothesisTestServiceBlockingStub tests;
  private final SimulatedExperiment simulation;

  OfflineReference(ManagedChannel analysis, SimulatedExperiment simulation) {
    this.tests =
        HypothesisTestServiceGrpc.newBlockingStub(analysis).withDeadlineAfter(10, TimeUnit.SECONDS);
    this.simulation = simulation;
  }

  /** The SRM check, the conversion metric's test and the latency metric's Welch test. */
  void assertMatches(ExperimentResults results) {
    CheckSampleRatioResponse srm =
        tests.checkSampleRatio(
            CheckSampleRatioRequest.newBuilder()
                .addObservedCounts(simulation.units(0))
                .addObservedCounts(simulation.units(1))
                .addExpectedWeights(0.5)
                .addExpectedWeights(0.5)
                .build());
    assertClose(srm.getPValue(), results.getSampleRatio().getPValue(), "SRM p-value");
    assertClose(srm.getStatistic(), results.getSampleRatio().getStatistic(), "SRM statistic");

    TwoProportionTestResponse conversion =
        tests.twoProportionTest(
            TwoProportionTestRequest.newBuilder()
                .setControl(counts(0))
                .setTreatment(counts(1))
                .setConfidenceLevel(1 - results.getAlpha())
                .build());
    VariationMetricResult purchase = metric(results, 0).getVariations(1);
    assertClose(conversion.getPValue(), purchase.getPValue(), "conversion p-value");
    assertClose(
        conversion.getDifferenceInterval().getLower(),
        purchase.getAbsoluteLift().getInterval().getLower(),
        "conversion lift lower bound");
    assertClose(
        conversion.getDifferenceInterval().getUpper(),
        purchase.getAbsoluteLift().getInterval().getUpper(),
        "conversion lift upper bound");
    assertClose(conversion.getRelativeLift(), purchase.getRelativeLift().getEstimate(), "relative");

    TTestResult latency =
        tests
            .tTest(
                TTestRequest.newBuilder()
                    .setSummaries(
                        TwoSummaries.newBuilder()
                            .setControl(latencySummary(0))
                            .setTreatment(latencySummary(1)))
                    .setOptions(
                        dev.assay.analysis.v1.TTestOptions.newBuilder()
                            .setConfidenceLevel(1 - results.getAlpha()))
                    .build())
            .getResult();
    VariationMetricResult slow = metric(results, 1).getVariations(1);
    assertClose(latency.getPValue(), slow.getPValue(), "latency p-value");
    assertClose(latency.getDifference(), slow.getAbsoluteLift().getEstimate(), "latency lift");
    assertClose(
        latency.getDifferenceInterval().getLower(),
        slow.getAbsoluteLift().getInterval().getLower(),
        "latency lift lower bound");
    assertClose(
        latency.getDifferenceInterval().getUpper(),
        slow.getAbsoluteLift().getInterval().getUpper(),
        "latency lift upper bound");
  }

  private BinomialCounts counts(int variation) {
    return BinomialCounts.newBuilder()
        .setSuccesses(simulation.purchases(variation))
        .setTrials(simulation.units(variation))
        .build();
  }

  private SampleSummary latencySummary(int variation) {
    double[] means = simulation.unitLatencyMeans(variation);
    return SampleSummary.newBuilder()
        .setCount(means.length)
        .setMean(SimulatedExperiment.mean(means))
        .setVariance(SimulatedExperiment.variance(means))
        .build();
  }

  private static MetricResults metric(ExperimentResults results, int index) {
    return results.getMetrics(index);
  }
}
