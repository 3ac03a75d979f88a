package dev.assay.analysis.aggregates;

import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.ThrottledWarning;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each unit's recent events of metrics with a CUPED lookback, in Redis, for {@link RedisLoopStore}:
 * appended on the outcome path for newly recorded events only, read on the exposure path and folded
 * by the exposure script when the exposure is first (docs/experiment-loop.md, "Pre-exposure
 * history"). On a single Redis one script call serves many units; on a cluster one call per unit (a
 * unit's keys share its hash tag).
 */
final class RedisPreExposureHistory {
  private static final int UNITS_PER_SCRIPT = RedisLoopStore.PER_SCRIPT;

  private final LoopRedis redis;
  private final LoopKeys keys;
  private final Clock clock;
  private final boolean singleNode;
  private final ThrottledWarning appendFailures = new ThrottledWarning(System::nanoTime, 1_000);

  RedisPreExposureHistory(LoopRedis redis, LoopKeys keys, Clock clock, boolean singleNode) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.singleNode = singleNode;
  }

  /**
   * Keeps the events this request newly recorded whose metric has a CUPED lookback. Called once
   * their ids are marked recorded, so a replay (whose ids are duplicates) never appends twice. The
   * batch is recorded without this copy: if Redis fails now, the events are missing from a later
   * exposure's covariate, and the failure is logged rather than failing a batch a retry could not
   * repair (its ids are already recorded).
   */
  void appendRecorded(List<OutcomeEvent> recorded, AttributionRules rules) {
    long now = clock.millis();
    Map<String, List<String>> argsByUnit = new LinkedHashMap<>();
    for (OutcomeEvent event : recorded) {
      long lookbackMillis = rules.lookbackMillisOf(event.metricKey());
      if (lookbackMillis < 0) {
        continue;
      }
      List<String> args = argsByUnit.computeIfAbsent(event.unitId(), u -> new ArrayList<>());
      args.add(event.metricKey());
      args.add(Long.toString(event.time().toEpochMilli()));
      args.add(Double.toString(event.value()));
      args.add(Long.toString(PreExposureLimits.cutoffMillis(now, lookbackMillis)));
      args.add(Long.toString(PreExposureLimits.retentionMillis(lookbackMillis)));
    }
    if (argsByUnit.isEmpty()) {
      return;
    }
    List<LoopRedis.Call> calls = new ArrayList<>();
    List<String> units = List.copyOf(argsByUnit.keySet());
    int perCall = singleNode ? UNITS_PER_SCRIPT : 1;
    for (int from = 0; from < units.size(); from += perCall) {
      List<String> chunk = units.subList(from, Math.min(units.size(), from + perCall));
      List<String> args = new ArrayList<>();
      args.add(Integer.toString(PreExposureLimits.EVENTS_PER_METRIC));
      for (String unit : chunk) {
        List<String> unitArgs = argsByUnit.getOrDefault(unit, List.of());
        args.add(Integer.toString(unitArgs.size() / 5));
        args.addAll(unitArgs);
      }
      calls.add(
          new LoopRedis.Call(
              PreExposureScripts.APPEND,
              ScriptOutputType.INTEGER,
              chunk.stream().map(keys::preExposure).toList(),
              args));
    }
    try {
      redis.run(calls);
    } catch (UnavailableException e) {
      appendFailures.warn(
          "analysis.pre_exposure_append_failed", "error", String.valueOf(e.getMessage()));
    }
  }

  /** The kept events of each of {@code unitIds} that has any, read in one pipelined round. */
  Map<String, List<PastEvent>> read(Collection<String> unitIds) {
    List<String> units = List.copyOf(unitIds);
    List<LoopRedis.Call> calls = new ArrayList<>();
    int perCall = singleNode ? UNITS_PER_SCRIPT : 1;
    for (int from = 0; from < units.size(); from += perCall) {
      calls.add(
          new LoopRedis.Call(
              PreExposureScripts.READ,
              ScriptOutputType.MULTI,
              units.subList(from, Math.min(units.size(), from + perCall)).stream()
                  .map(keys::preExposure)
                  .toList(),
              List.of()));
    }
    Map<String, List<PastEvent>> histories = new HashMap<>();
    int index = 0;
    for (Object reply : redis.run(calls)) {
      for (Object perUnit : (List<?>) reply) {
        List<?> flat = (List<?>) perUnit;
        if (!flat.isEmpty()) {
          List<PastEvent> events = new ArrayList<>(flat.size() / 3);
          for (int i = 0; i + 2 < flat.size(); i += 3) {
            events.add(
                new PastEvent(
                    (String) flat.get(i),
                    (long) Double.parseDouble((String) flat.get(i + 1)),
                    Double.parseDouble((String) flat.get(i + 2))));
          }
          histories.put(units.get(index), events);
        }
        index++;
      }
    }
    return histories;
  }
}
