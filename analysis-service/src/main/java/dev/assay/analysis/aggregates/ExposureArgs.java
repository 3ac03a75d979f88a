package dev.assay.analysis.aggregates;

import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.outcomes.CovariateRules;
import dev.assay.analysis.outcomes.MetricRule;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call of {@link LoopScripts#RECORD_EXPOSURES} for one chunk of one experiment's exposures,
 * with each unit's history events that fall in a covariate's pre-period before its exposure.
 */
final class ExposureArgs {
  private ExposureArgs() {}

  static LoopRedis.Call of(
      LoopKeys keys,
      String experimentKey,
      long hour,
      List<Exposure> chunk,
      Map<String, List<PastEvent>> histories,
      CovariateRules covariates) {
    Map<MetricRule, Integer> ruleIndex = new LinkedHashMap<>();
    List<String> exposureArgs = new ArrayList<>(7 * chunk.size());
    for (Exposure x : chunk) {
      exposureArgs.add(x.unitId());
      exposureArgs.add(Integer.toString(x.variationIndex()));
      exposureArgs.add(x.variationKey());
      exposureArgs.add(MomentTable.code(x.cohort()));
      exposureArgs.add(Long.toString(x.time().toEpochMilli()));
      exposureArgs.add(x.weightsText());
      List<String> pairs = new ArrayList<>();
      for (PastEvent event : histories.getOrDefault(x.unitId(), List.of())) {
        Optional<MetricRule> rule = covariates.ruleOf(event.metricKey());
        if (rule.isPresent()
            && rule.get().place(event.timeMillis(), x.time().toEpochMilli())
                == MetricRule.Placement.PRE_PERIOD) {
          pairs.add(
              Integer.toString(ruleIndex.computeIfAbsent(rule.get(), r -> ruleIndex.size() + 1)));
          pairs.add(Double.toString(event.value()));
        }
      }
      exposureArgs.add(Integer.toString(pairs.size() / 2));
      exposureArgs.addAll(pairs);
    }
    List<String> scriptKeys = new ArrayList<>();
    scriptKeys.add(keys.units(experimentKey));
    scriptKeys.add(keys.aggregates(experimentKey));
    scriptKeys.add(keys.hours(experimentKey));
    scriptKeys.add(keys.hour(experimentKey, hour));
    scriptKeys.add(keys.unexported(experimentKey));
    List<String> args = new ArrayList<>(3 + 3 * ruleIndex.size() + exposureArgs.size());
    args.add(Long.toString(hour));
    args.add(Integer.toString(chunk.size()));
    args.add(Integer.toString(ruleIndex.size()));
    for (MetricRule rule : ruleIndex.keySet()) {
      scriptKeys.add(keys.metricStates(experimentKey, rule.metricKey()));
      args.add(rule.metricKey());
      args.add(AttributionArgs.kindCode(rule.kind()));
      args.add(AttributionArgs.capText(rule.cap()));
    }
    args.addAll(exposureArgs);
    return new LoopRedis.Call(
        LoopScripts.RECORD_EXPOSURES, ScriptOutputType.MULTI, scriptKeys, args);
  }
}
