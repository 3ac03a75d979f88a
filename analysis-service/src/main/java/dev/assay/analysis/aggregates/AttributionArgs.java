package dev.assay.analysis.aggregates;

import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.MetricRule;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.analysis.outcomes.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The arguments of {@link LoopScripts#ATTRIBUTE_OUTCOMES} for one chunk of events. */
final class AttributionArgs {
  private AttributionArgs() {}

  /**
   * The arguments for {@code chunk}'s events (with their earlier owners, in the same order) claimed
   * under {@code owner}.
   */
  static List<String> of(
      List<OutcomeEvent> chunk,
      List<String> earlierOwners,
      List<MetricRule> ruleList,
      Map<String, Integer> ruleIndex,
      AttributionRules rules,
      long hour,
      String owner) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(hour));
    args.add(owner);
    args.add(Integer.toString(ruleList.size()));
    for (MetricRule rule : ruleList) {
      args.add(rule.metricKey());
      args.add(kindCode(rule.kind()));
      args.add(Long.toString(rule.windowMillis()));
      args.add(Long.toString(rule.lookbackMillis()));
      args.add(capText(rule.cap()));
      args.add(kindCode(rule.numeratorKind()));
      args.add(capText(rule.numeratorCap()));
      args.add(kindCode(rule.denominatorKind()));
      args.add(capText(rule.denominatorCap()));
    }
    Map<String, Integer> metricIndex = new LinkedHashMap<>();
    for (OutcomeEvent event : chunk) {
      metricIndex.putIfAbsent(event.metricKey(), metricIndex.size() + 1);
    }
    args.add(Integer.toString(metricIndex.size()));
    for (String metric : metricIndex.keySet()) {
      List<Reading> readings = rules.readingsOf(metric);
      args.add(Integer.toString(readings.size()));
      for (Reading reading : readings) {
        args.add(Integer.toString(ruleIndex.getOrDefault(reading.rule().metricKey(), 0)));
        args.add(partCode(reading.part()));
      }
    }
    args.add(Integer.toString(chunk.size()));
    for (int i = 0; i < chunk.size(); i++) {
      OutcomeEvent event = chunk.get(i);
      args.add(earlierOwners.get(i));
      args.add(event.unitId());
      args.add(Integer.toString(metricIndex.getOrDefault(event.metricKey(), 0)));
      args.add(Double.toString(event.value()));
      args.add(Long.toString(event.time().toEpochMilli()));
    }
    return args;
  }

  static String kindCode(MetricKind kind) {
    return switch (kind) {
      case CONVERSION -> "C";
      case SUM -> "S";
      case MEAN -> "M";
      case COUNT -> "N";
      case RATIO -> "R";
    };
  }

  /** The script's code of a reading's part: 2 (denominator) feeds the state's last two numbers. */
  private static String partCode(Reading.Part part) {
    return switch (part) {
      case SELF -> "0";
      case NUMERATOR -> "1";
      case DENOMINATOR -> "2";
    };
  }

  static String capText(double cap) {
    return Double.isInfinite(cap) ? "none" : Double.toString(cap);
  }
}
