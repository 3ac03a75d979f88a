package dev.assay.analysis.experiments;

import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.Variation;
import java.util.Optional;
import java.util.OptionalDouble;

/** Translates the assignment service's experiment messages into what results need. */
final class DefinitionMapper {
  private DefinitionMapper() {}

  static ExperimentDefinition toDefinition(Experiment experiment) {
    return new ExperimentDefinition(
        experiment.getKey(),
        experiment.getStatus() == ExperimentStatus.EXPERIMENT_STATUS_RUNNING
            && !experiment.getArchived(),
        experiment.getVariationsList().stream().map(Variation::getKey).toList(),
        experiment.hasAnalysis() ? Optional.of(toPlan(experiment)) : Optional.empty(),
        experiment.getVersion());
  }

  private static AnalysisPlan toPlan(Experiment experiment) {
    dev.assay.assignment.v1.AnalysisPlan plan = experiment.getAnalysis();
    dev.assay.assignment.v1.MonitorPolicy monitor = plan.getMonitor();
    return new AnalysisPlan(
        plan.getPrimaryMetric().isEmpty() ? Optional.empty() : Optional.of(plan.getPrimaryMetric()),
        plan.getGuardrailMetricsList(),
        plan.getSecondaryMetricsList(),
        Math.max(0, plan.getPlannedUnits()),
        plan.hasAlpha() && plan.getAlpha() > 0 && plan.getAlpha() < 1
            ? OptionalDouble.of(plan.getAlpha())
            : OptionalDouble.empty(),
        new MonitorPolicy(
            monitor.getStopOnGuardrailBreach(),
            monitor.getStopOnSuccess(),
            monitor.getRollOutWinner(),
            monitor.getAlertOnSampleRatioMismatch()));
  }
}
