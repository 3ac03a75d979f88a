package dev.assay.analysis.outcomes;

import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.runtime.errors.Violations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates an outcome batch as a whole and translates it to domain events. */
final class OutcomeRequests {
  private OutcomeRequests() {}

  /**
   * The batch's events.
   *
   * @throws dev.assay.runtime.errors.ValidationException naming every bad field, e.g. {@code
   *     events[3].metric_key}
   */
  static List<OutcomeEvent> validate(
      List<dev.assay.analysis.v1.OutcomeEvent> batch, MetricCatalog catalog, Instant now) {
    Violations violations = new Violations();
    EventChecks.batchSize(violations, batch.size(), "events");
    List<OutcomeEvent> events = new ArrayList<>(batch.size());
    Map<String, Optional<MetricDefinition>> metrics = new HashMap<>();
    for (int i = 0; i < batch.size() && i < EventChecks.MAX_BATCH; i++) {
      dev.assay.analysis.v1.OutcomeEvent e = batch.get(i);
      String at = "events[" + i + "].";
      EventChecks.text(violations, e.getEventId(), 128, at + "event_id");
      EventChecks.text(violations, e.getUnitId(), 256, at + "unit_id");
      EventChecks.value(violations, e.getValue(), at + "value");
      Instant time = EventChecks.time(violations, e.hasTime(), e.getTime(), now, at + "time");
      String metricKey = e.getMetricKey();
      if (EventChecks.key(violations, metricKey, at + "metric_key")) {
        Optional<MetricDefinition> metric = metrics.computeIfAbsent(metricKey, catalog::find);
        if (metric.isEmpty()) {
          violations.add(at + "metric_key", "no metric has this key");
        } else if (metric.get().kind() == MetricKind.RATIO) {
          violations.add(
              at + "metric_key",
              "is a RATIO metric, which reads its numerator's and denominator's events: send"
                  + " those");
        }
      }
      events.add(new OutcomeEvent(e.getEventId(), e.getUnitId(), metricKey, e.getValue(), time));
    }
    violations.throwIfAny();
    return events;
  }
}
