package dev.assay.analysis.aggregates;

import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.outcomes.OutcomeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of the export streams' entries (documented for teams reading the streams directly,
 * docs/experiment-loop.md "Export"): times as epoch {@code seconds} and {@code nanos}, numbers as
 * decimal text.
 */
final class ExportCodec {
  private ExportCodec() {}

  static Map<String, String> exposureFields(Exposure x) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("experiment_key", x.experimentKey());
    fields.put("variation_index", Integer.toString(x.variationIndex()));
    fields.put("variation_key", x.variationKey());
    fields.put("unit_id", x.unitId());
    Instant time = x.time();
    fields.put("seconds", Long.toString(time.getEpochSecond()));
    fields.put("nanos", Integer.toString(time.getNano()));
    fields.put("overridden", x.overridden() ? "1" : "0");
    fields.put("variation_weights", x.weightsText());
    return fields;
  }

  static Exposure exposure(Map<String, String> fields) {
    String weightsText = fields.getOrDefault("variation_weights", "");
    List<Double> weights = new ArrayList<>();
    if (!weightsText.isEmpty()) {
      for (String w : weightsText.split(",", -1)) {
        weights.add(Double.parseDouble(w));
      }
    }
    return new Exposure(
        fields.getOrDefault("experiment_key", ""),
        Integer.parseInt(fields.getOrDefault("variation_index", "0")),
        fields.getOrDefault("variation_key", ""),
        fields.getOrDefault("unit_id", ""),
        time(fields),
        "1".equals(fields.get("overridden")),
        weights);
  }

  /** The MARK_OUTCOMES arguments of one event: id, unit, metric, value, seconds, nanos. */
  static List<String> outcomeArgs(OutcomeEvent e) {
    Instant time = e.time();
    return List.of(
        e.eventId(),
        e.unitId(),
        e.metricKey(),
        Double.toString(e.value()),
        Long.toString(time.getEpochSecond()),
        Integer.toString(time.getNano()));
  }

  static OutcomeEvent outcome(Map<String, String> fields) {
    return new OutcomeEvent(
        fields.getOrDefault("event_id", ""),
        fields.getOrDefault("unit_id", ""),
        fields.getOrDefault("metric_key", ""),
        Double.parseDouble(fields.getOrDefault("value", "0")),
        time(fields));
  }

  private static Instant time(Map<String, String> fields) {
    return Instant.ofEpochSecond(
        Long.parseLong(fields.getOrDefault("seconds", "0")),
        Long.parseLong(fields.getOrDefault("nanos", "0")));
  }
}
