package dev.assay.assignment.api;

import dev.assay.assignment.definitions.AnalysisPlan;
import dev.assay.assignment.definitions.MonitorPolicy;
import java.util.OptionalDouble;

/** An experiment's analysis plan: contract ↔ domain. */
final class AnalysisPlanMapper {
  private AnalysisPlanMapper() {}

  static AnalysisPlan toDomain(dev.assay.assignment.v1.AnalysisPlan p) {
    dev.assay.assignment.v1.MonitorPolicy m = p.getMonitor();
    return new AnalysisPlan(
        p.getPrimaryMetric(),
        p.getGuardrailMetricsList(),
        p.getSecondaryMetricsList(),
        p.getPlannedUnits(),
        p.hasAlpha() ? OptionalDouble.of(p.getAlpha()) : OptionalDouble.empty(),
        new MonitorPolicy(
            m.getStopOnGuardrailBreach(),
            m.getStopOnSuccess(),
            m.getRollOutWinner(),
            m.getAlertOnSampleRatioMismatch()));
  }

  static dev.assay.assignment.v1.AnalysisPlan toProto(AnalysisPlan plan) {
    MonitorPolicy m = plan.monitor();
    dev.assay.assignment.v1.AnalysisPlan.Builder p =
        dev.assay.assignment.v1.AnalysisPlan.newBuilder()
            .setPrimaryMetric(plan.primaryMetric())
            .addAllGuardrailMetrics(plan.guardrailMetrics())
            .addAllSecondaryMetrics(plan.secondaryMetrics())
            .setPlannedUnits(plan.plannedUnits());
    plan.alpha().ifPresent(p::setAlpha);
    if (!m.equals(MonitorPolicy.OFF)) {
      p.setMonitor(
          dev.assay.assignment.v1.MonitorPolicy.newBuilder()
              .setStopOnGuardrailBreach(m.stopOnGuardrailBreach())
              .setStopOnSuccess(m.stopOnSuccess())
              .setRollOutWinner(m.rollOutWinner())
              .setAlertOnSampleRatioMismatch(m.alertOnSampleRatioMismatch()));
    }
    return p.build();
  }
}
