package dev.assay.analysis.aggregates;

import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.MetricRule;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.ThrottledWarning;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Records outcome batches into Redis for {@link RedisLoopStore}: claim the ids, attribute the
 * claimed events per experiment, export them and mark their ids recorded (docs/experiment-loop.md,
 * "Failures and retries").
 */
final class RedisOutcomeRecorder {
  /**
   * How long a request's claim on outcome ids lasts: after it, a retry may take over the ids of a
   * request that failed. A request stops before writing once half of it has passed.
   */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
  private static final int PER_SCRIPT = RedisLoopStore.PER_SCRIPT;

  private final LoopRedis redis;
  private final LoopKeys keys;
  private final Clock clock;
  private final long idRetentionMillis;
  private final long streamMaxLength;
  private final boolean singleNode;
  private final RedisPreExposureHistory preExposure;
  private final ThrottledWarning cleanupFailures = new ThrottledWarning(System::nanoTime, 1_000);

  RedisOutcomeRecorder(
      LoopRedis redis,
      LoopKeys keys,
      Clock clock,
      long idRetentionMillis,
      long streamMaxLength,
      boolean singleNode,
      RedisPreExposureHistory preExposure) {
    this.preExposure = preExposure;
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.idRetentionMillis = idRetentionMillis;
    this.streamMaxLength = streamMaxLength;
    this.singleNode = singleNode;
  }

  /** Records a validated batch (see {@link ExperimentLoopStore#recordOutcomes}). */
  OutcomeCounts record(List<OutcomeEvent> events, AttributionRules rules) {
    long start = clock.millis();
    String claimText = "p|" + UUID.randomUUID() + "|" + (start + CLAIM_LEASE.toMillis());
    List<OutcomeEvent> claimed = new ArrayList<>();
    long busy = claim(events, claimText, start, claimed);
    Map<String, List<OutcomeEvent>> byExperiment = new LinkedHashMap<>();
    long attributions = 0;
    long recorded = 0;
    if (!claimed.isEmpty()) {
      try {
        Map<String, List<String>> experimentsByUnit = experimentsOf(claimed);
        for (OutcomeEvent event : claimed) {
          for (String e : experimentsByUnit.getOrDefault(event.unitId(), List.of())) {
            byExperiment.computeIfAbsent(e, k -> new ArrayList<>()).add(event);
          }
        }
        requireLease(start);
        attributions = attribute(byExperiment, rules, clock.millis());
        requireLease(start);
        boolean[] marked = markRecorded(claimed, claimText);
        preExposure.appendRecorded(claimed, marked, rules);
        for (boolean isMarked : marked) {
          recorded += isMarked ? 1 : 0;
        }
        busy += claimed.size() - recorded;
      } catch (RuntimeException e) {
        release(claimed, claimText);
        throw e;
      }
      forgetInflight(byExperiment);
    }
    if (busy > 0) {
      // Another request is recording some of these events now: the client's retry will find them
      // recorded (or take them over if that request failed).
      throw new UnavailableException(
          busy + " events of this batch are being recorded by another request; retry");
    }
    return new OutcomeCounts(recorded, events.size() - recorded, attributions);
  }

  /**
   * A request slower than half its claims' lease stops before its next write: past the lease,
   * another request may take its events over, and the two must not both attribute them.
   */
  private void requireLease(long start) {
    if (clock.millis() - start > CLAIM_LEASE.toMillis() / 2) {
      throw new UnavailableException("recording took too long; retry");
    }
  }

  /**
   * Claims the batch's ids; adds the claimed events to {@code claimed} and returns how many are
   * claimed by another request now.
   */
  private long claim(
      List<OutcomeEvent> events, String claimText, long now, List<OutcomeEvent> claimed) {
    List<LoopRedis.Call> calls = new ArrayList<>();
    for (int from = 0; from < events.size(); from += PER_SCRIPT) {
      List<OutcomeEvent> chunk = events.subList(from, Math.min(events.size(), from + PER_SCRIPT));
      calls.add(
          new LoopRedis.Call(
              LoopScripts.CLAIM_OUTCOMES,
              ScriptOutputType.MULTI,
              chunk.stream().map(e -> keys.outcomeId(e.eventId())).toList(),
              List.of(claimText, Long.toString(now), Long.toString(idRetentionMillis))));
    }
    long busy = 0;
    int index = 0;
    for (Object reply : redis.run(calls)) {
      for (Object code : (List<?>) reply) {
        long c = (Long) code;
        if (c == 1) {
          claimed.add(events.get(index));
        } else if (c == 2) {
          busy++;
        }
        index++;
      }
    }
    return busy;
  }

  /** Each unit's experiments, read in one pipelined round trip. */
  private Map<String, List<String>> experimentsOf(List<OutcomeEvent> events) {
    return singleNode ? experimentsByScript(events) : experimentsByCommand(events);
  }

  /** On a single Redis: one script per chunk of units reads their indexes. */
  private Map<String, List<String>> experimentsByScript(List<OutcomeEvent> events) {
    List<String> units = events.stream().map(OutcomeEvent::unitId).distinct().toList();
    List<LoopRedis.Call> calls = new ArrayList<>();
    for (int from = 0; from < units.size(); from += PER_SCRIPT) {
      calls.add(
          new LoopRedis.Call(
              LoopScripts.UNIT_EXPERIMENTS,
              ScriptOutputType.MULTI,
              units.subList(from, Math.min(units.size(), from + PER_SCRIPT)).stream()
                  .map(keys::unitExperiments)
                  .toList(),
              List.of()));
    }
    Map<String, List<String>> experiments = new HashMap<>();
    int index = 0;
    for (Object reply : redis.run(calls)) {
      for (Object joined : (List<?>) reply) {
        String text = (String) joined;
        if (!text.isEmpty()) {
          experiments.put(units.get(index), List.of(text.split("\n", -1)));
        }
        index++;
      }
    }
    return experiments;
  }

  /** On a cluster, where a script cannot span units: one command per unit. */
  private Map<String, List<String>> experimentsByCommand(List<OutcomeEvent> events) {
    Map<String, RedisFuture<Set<String>>> futures = new LinkedHashMap<>();
    for (OutcomeEvent event : events) {
      futures.computeIfAbsent(
          event.unitId(),
          u -> redis.call(() -> redis.commands().smembers(keys.unitExperiments(u))));
    }
    Map<String, List<String>> experiments = new HashMap<>();
    for (Map.Entry<String, RedisFuture<Set<String>>> unit : futures.entrySet()) {
      Set<String> found = redis.await(unit.getValue());
      if (!found.isEmpty()) {
        experiments.put(unit.getKey(), List.copyOf(found));
      }
    }
    return experiments;
  }

  private long attribute(
      Map<String, List<OutcomeEvent>> byExperiment, AttributionRules rules, long now) {
    List<MetricRule> ruleList = List.copyOf(rules.rules());
    if (ruleList.isEmpty() || byExperiment.isEmpty()) {
      return 0;
    }
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int r = 0; r < ruleList.size(); r++) {
      ruleIndex.put(ruleList.get(r).metricKey(), r + 1);
    }
    long hour = Math.floorDiv(now, HOUR_MILLIS);
    List<LoopRedis.Call> calls = new ArrayList<>();
    for (Map.Entry<String, List<OutcomeEvent>> experiment : byExperiment.entrySet()) {
      String e = experiment.getKey();
      List<OutcomeEvent> all = experiment.getValue();
      String[] scriptKeys = new String[5 + ruleList.size()];
      scriptKeys[0] = keys.units(e);
      scriptKeys[1] = keys.aggregates(e);
      scriptKeys[2] = keys.hours(e);
      scriptKeys[3] = keys.hour(e, hour);
      scriptKeys[4] = keys.inflight(e);
      for (int r = 0; r < ruleList.size(); r++) {
        scriptKeys[5 + r] = keys.metricStates(e, ruleList.get(r).metricKey());
      }
      for (int from = 0; from < all.size(); from += PER_SCRIPT) {
        List<OutcomeEvent> chunk = all.subList(from, Math.min(all.size(), from + PER_SCRIPT));
        calls.add(
            new LoopRedis.Call(
                LoopScripts.ATTRIBUTE_OUTCOMES,
                ScriptOutputType.INTEGER,
                List.of(scriptKeys),
                AttributionArgs.of(chunk, ruleList, ruleIndex, rules, hour, now)));
      }
    }
    long attributed = 0;
    for (Object reply : redis.run(calls)) {
      attributed += (Long) reply;
    }
    return attributed;
  }

  /**
   * After a failure: gives up the claims so that the client's retry need not wait for the lease
   * (what was attributed stays in flight, so the retry does not attribute it again). If Redis is
   * down this fails too, and the lease frees the ids.
   */
  private void release(List<OutcomeEvent> claimed, String claimText) {
    try {
      List<LoopRedis.Call> calls = new ArrayList<>();
      for (int from = 0; from < claimed.size(); from += PER_SCRIPT) {
        List<OutcomeEvent> chunk =
            claimed.subList(from, Math.min(claimed.size(), from + PER_SCRIPT));
        calls.add(
            new LoopRedis.Call(
                LoopScripts.RELEASE_CLAIMS,
                ScriptOutputType.INTEGER,
                chunk.stream().map(e -> keys.outcomeId(e.eventId())).toList(),
                List.of(claimText)));
      }
      redis.run(calls);
    } catch (UnavailableException e) {
      cleanupFailures.warn(
          "analysis.claim_release_failed", "error", String.valueOf(e.getMessage()));
    }
  }

  /** Marks claimed ids recorded and exports their events; returns per event whether it did. */
  private boolean[] markRecorded(List<OutcomeEvent> events, String claimText) {
    List<LoopRedis.Call> calls = new ArrayList<>();
    for (int from = 0; from < events.size(); from += PER_SCRIPT) {
      List<OutcomeEvent> chunk = events.subList(from, Math.min(events.size(), from + PER_SCRIPT));
      List<String> scriptKeys = new ArrayList<>(1 + chunk.size());
      scriptKeys.add(keys.outcomeStream());
      List<String> args = new ArrayList<>();
      args.add(claimText);
      args.add(Long.toString(idRetentionMillis));
      args.add(Long.toString(streamMaxLength));
      for (OutcomeEvent event : chunk) {
        scriptKeys.add(keys.outcomeId(event.eventId()));
        args.addAll(ExportCodec.outcomeArgs(event));
      }
      calls.add(
          new LoopRedis.Call(LoopScripts.MARK_OUTCOMES, ScriptOutputType.MULTI, scriptKeys, args));
    }
    boolean[] marked = new boolean[events.size()];
    int index = 0;
    for (Object reply : redis.run(calls)) {
      for (Object isMarked : (List<?>) reply) {
        marked[index++] = (Long) isMarked == 1;
      }
    }
    return marked;
  }

  /**
   * Drops the in-flight markers of a batch now recorded (no request can claim its ids any more).
   * The batch is complete without this step: if it fails, the markers only take memory, so the
   * failure is logged rather than failing a recorded batch.
   */
  private void forgetInflight(Map<String, List<OutcomeEvent>> byExperiment) {
    try {
      List<RedisFuture<Long>> futures = new ArrayList<>();
      for (Map.Entry<String, List<OutcomeEvent>> experiment : byExperiment.entrySet()) {
        String[] ids =
            experiment.getValue().stream().map(OutcomeEvent::eventId).toArray(String[]::new);
        futures.add(
            redis.call(() -> redis.commands().hdel(keys.inflight(experiment.getKey()), ids)));
      }
      redis.awaitAll(futures);
    } catch (UnavailableException e) {
      cleanupFailures.warn(
          "analysis.inflight_cleanup_failed", "error", String.valueOf(e.getMessage()));
    }
  }
}
