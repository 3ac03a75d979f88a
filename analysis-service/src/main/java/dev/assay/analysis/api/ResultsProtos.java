package dev.assay.analysis.api;

import static dev.assay.runtime.proto.ProtoTime.timestamp;

import dev.assay.analysis.results.CupedEstimate;
import dev.assay.analysis.results.Estimate;
import dev.assay.analysis.results.ExperimentResults;
import dev.assay.analysis.results.MetricResult;
import dev.assay.analysis.results.VariationMetric;
import dev.assay.analysis.results.VariationShare;
import dev.assay.analysis.v1.CupedLift;
import dev.assay.analysis.v1.GuardrailStatus;
import dev.assay.analysis.v1.Interval;
import dev.assay.analysis.v1.Lift;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.MetricKind;
import dev.assay.analysis.v1.MetricResults;
import dev.assay.analysis.v1.MetricRole;
import dev.assay.analysis.v1.Progress;
import dev.assay.analysis.v1.Recommendation;
import dev.assay.analysis.v1.SampleRatio;
import dev.assay.analysis.v1.VariationExposure;
import dev.assay.analysis.v1.VariationMetricResult;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleConsumer;

/**
 * Domain results → {@code assay.analysis.v1} messages. A figure that is not finite is left unset
 * (the calculator never produces one; this is the last guard that none reaches the wire).
 */
final class ResultsProtos {
  private ResultsProtos() {}

  static dev.assay.analysis.v1.ExperimentResults toProto(ExperimentResults r) {
    dev.assay.analysis.v1.ExperimentResults.Builder b =
        dev.assay.analysis.v1.ExperimentResults.newBuilder()
            .setExperimentKey(r.experimentKey())
            .setAsOf(timestamp(r.asOf()))
            .setRecommendation(recommendation(r.recommendation()))
            .setRecommendedVariation(r.recommendedVariation().orElse(""))
            .addAllReasons(r.reasons())
            .setAlpha(r.alpha());
    r.firstExposure().ifPresent(first -> b.setFirstExposureTime(timestamp(first)));
    for (VariationShare v : r.variations()) {
      VariationExposure.Builder e =
          VariationExposure.newBuilder()
              .setVariationIndex(v.index())
              .setVariationKey(v.key())
              .setUnits(v.units());
      set(v.expectedShare(), e::setExpectedShare);
      b.addVariations(e);
    }
    r.sampleRatio()
        .ifPresent(
            s -> {
              SampleRatio.Builder srm = SampleRatio.newBuilder().setMismatch(s.isMismatch());
              set(s.statistic(), srm::setStatistic);
              set(s.pValue(), srm::setPValue);
              b.setSampleRatio(srm);
            });
    for (MetricResult m : r.metrics()) {
      b.addMetrics(metric(m));
    }
    Progress.Builder progress =
        Progress.newBuilder()
            .setPlannedUnits(r.progress().plannedUnits())
            .setExposedUnits(r.progress().exposedUnits());
    set(r.progress().fraction(), progress::setFraction);
    set(r.progress().estimatedDaysLeft(), progress::setEstimatedDaysLeft);
    return b.setProgress(progress).build();
  }

  private static MetricResults metric(MetricResult m) {
    MetricResults.Builder b =
        MetricResults.newBuilder()
            .setMetricKey(m.key())
            .setKind(kind(m.kind()))
            .setRole(
                switch (m.role()) {
                  case PRIMARY -> MetricRole.METRIC_ROLE_PRIMARY;
                  case GUARDRAIL -> MetricRole.METRIC_ROLE_GUARDRAIL;
                  case SECONDARY -> MetricRole.METRIC_ROLE_SECONDARY;
                })
            .setDirection(
                m.isDecreaseBetter()
                    ? MetricDirection.METRIC_DIRECTION_DECREASE_IS_BETTER
                    : MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER);
    for (VariationMetric v : m.variations()) {
      b.addVariations(variation(v));
    }
    return b.build();
  }

  private static VariationMetricResult variation(VariationMetric v) {
    VariationMetricResult.Builder b =
        VariationMetricResult.newBuilder()
            .setVariationIndex(v.index())
            .setVariationKey(v.key())
            .setUnits(v.units())
            .setPValueValid(v.isPValueValid());
    set(v.value(), b::setValue);
    interval(v.valueInterval()).ifPresent(b::setValueInterval);
    lift(v.absoluteLift()).ifPresent(b::setAbsoluteLift);
    lift(v.relativeLift()).ifPresent(b::setRelativeLift);
    set(v.pValue(), b::setPValue);
    set(v.adjustedPValue(), b::setAdjustedPValue);
    set(v.alwaysValidPValue(), b::setAlwaysValidPValue);
    interval(v.alwaysValidInterval()).ifPresent(b::setAlwaysValidInterval);
    set(v.chanceToBeatControl(), b::setChanceToBeatControl);
    set(v.expectedLoss(), b::setExpectedLoss);
    v.cuped().flatMap(ResultsProtos::cuped).ifPresent(b::setCuped);
    v.guardrailStatus()
        .ifPresent(
            g ->
                b.setGuardrailStatus(
                    switch (g) {
                      case PASSED -> GuardrailStatus.GUARDRAIL_STATUS_PASSED;
                      case INCONCLUSIVE -> GuardrailStatus.GUARDRAIL_STATUS_INCONCLUSIVE;
                      case BREACHED -> GuardrailStatus.GUARDRAIL_STATUS_BREACHED;
                    }));
    return b.build();
  }

  private static Optional<CupedLift> cuped(CupedEstimate c) {
    Optional<Lift> lift = lift(Optional.of(c.absoluteLift()));
    if (lift.isEmpty() || !Double.isFinite(c.pValue()) || !Double.isFinite(c.varianceReduction())) {
      return Optional.empty();
    }
    return Optional.of(
        CupedLift.newBuilder()
            .setAbsoluteLift(lift.get())
            .setPValue(c.pValue())
            .setVarianceReduction(c.varianceReduction())
            .build());
  }

  private static Optional<Lift> lift(Optional<Estimate> estimate) {
    if (estimate.isEmpty() || !Double.isFinite(estimate.get().estimate())) {
      return Optional.empty();
    }
    Optional<Interval> interval = interval(Optional.of(estimate.get().interval()));
    return interval.map(
        i -> Lift.newBuilder().setEstimate(estimate.get().estimate()).setInterval(i).build());
  }

  private static Optional<Interval> interval(
      Optional<dev.assay.analysis.inference.Interval> interval) {
    return interval
        .filter(i -> Double.isFinite(i.lower()) && Double.isFinite(i.upper()))
        .map(i -> Interval.newBuilder().setLower(i.lower()).setUpper(i.upper()).build());
  }

  private static void set(double value, DoubleConsumer setter) {
    if (Double.isFinite(value)) {
      setter.accept(value);
    }
  }

  private static void set(OptionalDouble value, DoubleConsumer setter) {
    value.ifPresent(v -> set(v, setter));
  }

  private static MetricKind kind(dev.assay.analysis.metrics.MetricKind kind) {
    return switch (kind) {
      case CONVERSION -> MetricKind.METRIC_KIND_CONVERSION;
      case SUM -> MetricKind.METRIC_KIND_SUM;
      case MEAN -> MetricKind.METRIC_KIND_MEAN;
      case COUNT -> MetricKind.METRIC_KIND_COUNT;
      case RATIO -> MetricKind.METRIC_KIND_RATIO;
    };
  }

  private static Recommendation recommendation(
      dev.assay.analysis.experiment.Recommendation recommendation) {
    return switch (recommendation) {
      case SHIP -> Recommendation.RECOMMENDATION_SHIP;
      case KEEP_RUNNING -> Recommendation.RECOMMENDATION_KEEP_RUNNING;
      case STOP_NO_EFFECT -> Recommendation.RECOMMENDATION_STOP_NO_EFFECT;
      case STOP_GUARDRAIL_BREACHED -> Recommendation.RECOMMENDATION_STOP_GUARDRAIL_BREACHED;
      case INVESTIGATE_SAMPLE_RATIO -> Recommendation.RECOMMENDATION_INVESTIGATE_SAMPLE_RATIO;
    };
  }
}
