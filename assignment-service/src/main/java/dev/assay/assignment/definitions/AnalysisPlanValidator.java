package dev.assay.assignment.definitions;

import dev.assay.runtime.errors.Violations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an experiment's analysis plan: metric keys well formed and each named once across the
 * primary, guardrail and secondary metrics, bounded lists, a significance level in (0, 1), and
 * monitor actions that make sense together.
 */
final class AnalysisPlanValidator {
  static final int MAX_GUARDRAILS = 20;
  static final int MAX_SECONDARIES = 50;

  private AnalysisPlanValidator() {}

  /** Records every violation of {@code plan}, its fields named under {@code field}. */
  static void check(Violations v, AnalysisPlan plan, String field) {
    // Where each key was first named, so a repeat can say where the other one is.
    Map<String, String> named = new HashMap<>();
    if (!plan.primaryMetric().isEmpty()) {
      checkMetricKey(v, plan.primaryMetric(), field + ".primary_metric", named);
    }
    checkList(v, plan.guardrailMetrics(), MAX_GUARDRAILS, field + ".guardrail_metrics", named);
    checkList(v, plan.secondaryMetrics(), MAX_SECONDARIES, field + ".secondary_metrics", named);
    v.check(
        plan.plannedUnits() < 0,
        field + ".planned_units",
        "must be >= 0 (0 means none), got " + plan.plannedUnits());
    plan.alpha()
        .ifPresent(
            alpha ->
                v.check(
                    !(alpha > 0 && alpha < 1),
                    field + ".alpha",
                    "must be in (0, 1) when set, got " + alpha));
    v.check(
        plan.monitor().rollOutWinner() && !plan.monitor().stopOnSuccess(),
        field + ".monitor.roll_out_winner",
        "needs stop_on_success (a winner is rolled out only when the monitor stops for success)");
  }

  private static void checkList(
      Violations v, List<String> keys, int max, String field, Map<String, String> named) {
    if (keys.size() > max) {
      // Checking each of a huge list is work the caller must not cause; the size is the fix.
      v.add(field, "at most " + max + " metrics, got " + keys.size());
      return;
    }
    for (int i = 0; i < keys.size(); i++) {
      checkMetricKey(v, keys.get(i), field + "[" + i + "]", named);
    }
  }

  private static void checkMetricKey(
      Violations v, String key, String field, Map<String, String> named) {
    if (!Limits.isValidKey(key)) {
      v.add(field, "must be a metric key: 1-128 characters of [A-Za-z0-9_.-]");
      return;
    }
    String first = named.putIfAbsent(key, field);
    v.check(
        first != null,
        field,
        "metric " + key + " is already named by " + first + "; name each metric once");
  }
}
