package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.aggregates.VariationAggregate;
import dev.assay.analysis.experiment.GuardrailStatus;
import dev.assay.analysis.experiments.AnalysisPlan;
import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.multiplicity.AdjustedPValues;
import dev.assay.analysis.multiplicity.CorrectionMethod;
import dev.assay.analysis.multiplicity.PValueAdjustment;
import dev.assay.analysis.sequential.AlwaysValidResult;
import dev.assay.analysis.srm.SampleRatioResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes an experiment's results from its aggregates, its definition and the metric definitions:
 * a pure function of its inputs (no I/O, no clock), so results at any moment, now or at the end of
 * any past hour, are computed the same way.
 */
public final class ResultsCalculator {
  /** Significance level when the plan sets none. */
  public static final double DEFAULT_ALPHA = 0.05;

  private final MetricCatalog catalog;

  /** Reads metric definitions from {@code catalog}. */
  public ResultsCalculator(MetricCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The results.
   *
   * @param analysed the aggregate the figures count (the assigned cohort, with overridden units
   *     added when asked)
   * @param srmBasis the assigned cohort's aggregate: the sample-ratio check counts only units the
   *     hash placed
   * @param definition the experiment's definition, if known
   * @param requestedMetrics metrics to show; empty means the plan's, else every metric with data
   * @param notes reasons known beforehand (a stale or missing definition)
   */
  public ExperimentResults calculate(
      ExperimentAggregate analysed,
      ExperimentAggregate srmBasis,
      Optional<ExperimentDefinition> definition,
      List<String> requestedMetrics,
      List<String> notes) {
    AnalysisPlan plan = definition.flatMap(ExperimentDefinition::plan).orElse(AnalysisPlan.NONE);
    double alpha = plan.alpha().orElse(DEFAULT_ALPHA);
    ConfidenceLevel level = new ConfidenceLevel(1.0 - alpha);
    List<String> reasons = new ArrayList<>(notes);
    List<VariationShare> variations = Exposures.variations(analysed, srmBasis, definition);
    long exposed = variations.stream().mapToLong(VariationShare::units).sum();
    Progress progress = Exposures.progress(plan.plannedUnits(), exposed, analysed);
    Optional<SampleRatioResult> sampleRatio = Exposures.sampleRatio(variations, srmBasis);
    if (!variations.isEmpty() && variations.get(0).index() != 0) {
      reasons.add(
          "no exposure to control (variation 0) and no definition: variations are compared with "
              + variations.get(0).key());
    }

    List<String> shown = shownMetrics(requestedMetrics, plan, analysed);
    Set<String> decisive = new LinkedHashSet<>(shown);
    plan.primaryMetric().ifPresent(decisive::add);
    decisive.addAll(plan.guardrailMetrics());
    List<ComputedMetric> computed = new ArrayList<>();
    for (String key : decisive) {
      Optional<MetricDefinition> metric = catalog.find(key);
      if (metric.isEmpty()) {
        reasons.add("metric " + key + " has no definition: left out");
        continue;
      }
      computed.add(
          compute(
              metric.get(),
              role(key, plan),
              variations,
              analysed,
              level,
              alpha,
              progress,
              reasons));
    }
    computed.sort(Comparator.comparing(m -> m.result().role()));
    for (String guardrail : plan.guardrailMetrics()) {
      if (catalog.find(guardrail).isEmpty()) {
        reasons.add("guardrail " + guardrail + " has no definition, so it can never pass");
      }
    }

    Recommender.Decision decision =
        Recommender.decide(
            variations, sampleRatio, computed, plan.guardrailMetrics(), progress, alpha);
    reasons.addAll(decision.reasons());
    List<MetricResult> reported =
        adjust(
            computed.stream()
                .map(ComputedMetric::result)
                .filter(m -> shown.contains(m.key()))
                .toList());
    return new ExperimentResults(
        analysed.experimentKey(),
        analysed.asOf(),
        analysed.firstExposure(),
        variations,
        sampleRatio,
        reported,
        progress,
        decision.recommendation(),
        decision.variation(),
        reasons,
        alpha);
  }

  private static List<String> shownMetrics(
      List<String> requested, AnalysisPlan plan, ExperimentAggregate analysed) {
    if (!requested.isEmpty()) {
      return List.copyOf(new LinkedHashSet<>(requested));
    }
    Set<String> planned = new LinkedHashSet<>();
    plan.primaryMetric().ifPresent(planned::add);
    planned.addAll(plan.guardrailMetrics());
    planned.addAll(plan.secondaryMetrics());
    if (!planned.isEmpty()) {
      return List.copyOf(planned);
    }
    TreeSet<String> withData = new TreeSet<>();
    for (VariationAggregate v : analysed.variations()) {
      withData.addAll(v.metrics().keySet());
    }
    return List.copyOf(withData);
  }

  private static MetricRole role(String key, AnalysisPlan plan) {
    if (plan.primaryMetric().filter(key::equals).isPresent()) {
      return MetricRole.PRIMARY;
    }
    return plan.guardrailMetrics().contains(key) ? MetricRole.GUARDRAIL : MetricRole.SECONDARY;
  }

  private static ComputedMetric compute(
      MetricDefinition metric,
      MetricRole role,
      List<VariationShare> variations,
      ExperimentAggregate analysed,
      ConfidenceLevel level,
      double alpha,
      Progress progress,
      List<String> reasons) {
    double margin = metric.guardrailMargin().orElse(0.0);
    List<GroupFigures> groups = new ArrayList<>();
    for (VariationShare v : variations) {
      groups.add(
          GroupFigures.of(
              metric.kind(), moments(analysed, v.index(), metric.key()), v.units(), level));
    }
    List<VariationMetric> results = new ArrayList<>();
    List<String> undefined = new ArrayList<>();
    for (int i = 0; i < variations.size(); i++) {
      VariationShare v = variations.get(i);
      GroupFigures group = groups.get(i);
      if (i == 0) {
        results.add(control(v, group));
        continue;
      }
      GroupFigures control = groups.get(0);
      Optional<Comparison> comparison = Comparison.of(control, group, level);
      Optional<AlwaysValidResult> alwaysValid =
          comparison.flatMap(c -> AlwaysValid.of(c, control, group, alpha));
      Optional<ChanceToBeat> bayes = ChanceToBeat.of(control, group, metric.isDecreaseBetter());
      Optional<CupedEstimate> cuped =
          metric.cupedLookback().isPresent()
              ? Comparison.cuped(control, group, level)
              : Optional.empty();
      if (comparison.isEmpty()) {
        undefined.add(v.key());
      }
      Optional<GuardrailStatus> guardrail =
          role == MetricRole.GUARDRAIL
              ? Optional.of(
                  guardrailStatus(
                      alwaysValid.map(AlwaysValidResult::confidenceSequence),
                      Math.abs(control.value().orElse(0.0)) * margin,
                      metric.isDecreaseBetter()))
              : Optional.empty();
      results.add(
          new VariationMetric(
              v.index(),
              v.key(),
              group.units(),
              group.value(),
              group.valueInterval(),
              comparison.map(Comparison::absoluteLift),
              comparison.flatMap(Comparison::relativeLift),
              comparison.isPresent()
                  ? OptionalDouble.of(comparison.get().pValue())
                  : OptionalDouble.empty(),
              comparison.isPresent() && progress.isReached(),
              OptionalDouble.empty(),
              alwaysValid.isPresent()
                  ? OptionalDouble.of(alwaysValid.get().pValue())
                  : OptionalDouble.empty(),
              alwaysValid.map(AlwaysValidResult::confidenceSequence),
              bayes.isPresent() ? OptionalDouble.of(bayes.get().chance()) : OptionalDouble.empty(),
              bayes.isPresent()
                  ? OptionalDouble.of(bayes.get().expectedLoss())
                  : OptionalDouble.empty(),
              cuped,
              guardrail));
    }
    if (!undefined.isEmpty() && !variations.isEmpty()) {
      reasons.add(
          "metric "
              + metric.key()
              + ": no test for "
              + String.join(", ", undefined)
              + " against "
              + variations.get(0).key()
              + " (fewer than two units, no variance, no conversions or a zero denominator)");
    }
    return new ComputedMetric(
        new MetricResult(
            metric.key(), metric.kind(), role, metric.isDecreaseBetter(), margin, results),
        groups);
  }

  private static VariationMetric control(VariationShare v, GroupFigures group) {
    return new VariationMetric(
        v.index(),
        v.key(),
        group.units(),
        group.value(),
        group.valueInterval(),
        Optional.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        false,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * BREACHED when the whole always-valid interval is a degradation larger than the margin, PASSED
   * when the whole interval is better than -margin, else INCONCLUSIVE (also without an interval).
   */
  static GuardrailStatus guardrailStatus(
      Optional<Interval> interval, double margin, boolean isDecreaseBetter) {
    if (interval.isEmpty()) {
      return GuardrailStatus.INCONCLUSIVE;
    }
    double a = isDecreaseBetter ? -interval.get().lower() : interval.get().lower();
    double b = isDecreaseBetter ? -interval.get().upper() : interval.get().upper();
    double worst = Math.min(a, b);
    double best = Math.max(a, b);
    if (best < -margin) {
      return GuardrailStatus.BREACHED;
    }
    return worst > -margin ? GuardrailStatus.PASSED : GuardrailStatus.INCONCLUSIVE;
  }

  private static MetricMoments moments(ExperimentAggregate aggregate, int index, String metric) {
    for (VariationAggregate v : aggregate.variations()) {
      if (v.variationIndex() == index) {
        return v.metrics().getOrDefault(metric, MetricMoments.EMPTY);
      }
    }
    return MetricMoments.EMPTY;
  }

  /** Holm across every metric × variation with a p-value. */
  private static List<MetricResult> adjust(List<MetricResult> metrics) {
    List<Double> pValues = new ArrayList<>();
    for (MetricResult m : metrics) {
      for (VariationMetric v : m.variations()) {
        v.pValue().ifPresent(pValues::add);
      }
    }
    if (pValues.isEmpty()) {
      return metrics;
    }
    AdjustedPValues adjusted =
        PValueAdjustment.adjust(
            pValues.stream().mapToDouble(Double::doubleValue).toArray(),
            CorrectionMethod.HOLM,
            DEFAULT_ALPHA);
    List<MetricResult> result = new ArrayList<>();
    int next = 0;
    for (MetricResult m : metrics) {
      List<VariationMetric> variations = new ArrayList<>();
      for (VariationMetric v : m.variations()) {
        if (v.pValue().isPresent()) {
          variations.add(v.withAdjustedPValue(adjusted.adjusted().get(next++)));
        } else {
          variations.add(v);
        }
      }
      result.add(
          new MetricResult(
              m.key(), m.kind(), m.role(), m.isDecreaseBetter(), m.guardrailMargin(), variations));
    }
    return result;
  }
}
