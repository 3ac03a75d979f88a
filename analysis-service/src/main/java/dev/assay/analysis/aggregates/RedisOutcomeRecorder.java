package dev.assay.analysis.aggregates;

import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.MetricRule;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.ThrottledWarning;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
  private final ThrottledWarning cleanupFailures = new ThrottledWarning(System::nanoTime, 1_000);

  RedisOutcomeRecorder(
      LoopRedis redis,
      LoopKeys keys,
      Clock clock,
      long idRetentionMillis,
      long streamMaxLength,
      boolean singleNode) {
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
    String token = newToken();
    List<List<OutcomeEvent>> claimedChunks = new ArrayList<>();
    long busy = claim(events, token, claimedChunks);
    List<OutcomeEvent> claimed = claimedChunks.stream().flatMap(List::stream).toList();
    Map<String, List<OutcomeEvent>> byExperiment = new LinkedHashMap<>();
    long attributions = 0;
    long recorded = 0;
    if (!claimed.isEmpty()) {
      List<OutcomeEvent> markedEvents = new ArrayList<>();
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
        boolean[] marked = markRecorded(claimedChunks, token);
        for (int c = 0; c < marked.length; c++) {
          if (marked[c]) {
            markedEvents.addAll(claimedChunks.get(c));
          }
        }
        recorded = markedEvents.size();
        busy += claimed.size() - recorded;
      } catch (RuntimeException e) {
        release(token);
        throw e;
      }
      forgetInflight(byExperiment, markedEvents);
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
   * A request's token: 72 random bits of a random UUID (version and variant bits left out), as 12
   * URL-safe characters; short because every id key holds it.
   */
  private static String newToken() {
    UUID random = UUID.randomUUID();
    ByteBuffer bits = ByteBuffer.allocate(9);
    bits.putShort((short) (random.getMostSignificantBits() >>> 48));
    bits.put((byte) (random.getMostSignificantBits() >>> 40));
    bits.putShort((short) (random.getLeastSignificantBits() >>> 32));
    bits.putInt((int) random.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits.array());
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
   * Claims the batch's ids chunk by chunk for the request {@code token}; adds each chunk's claimed
   * events to {@code claimedChunks} (one list per chunk, by chunk index) and returns how many ids
   * another request is recording now.
   */
  private long claim(
      List<OutcomeEvent> events, String token, List<List<OutcomeEvent>> claimedChunks) {
    List<LoopRedis.Call> calls = new ArrayList<>();
    List<List<OutcomeEvent>> chunks = new ArrayList<>();
    for (int from = 0; from < events.size(); from += PER_SCRIPT) {
      List<OutcomeEvent> chunk = events.subList(from, Math.min(events.size(), from + PER_SCRIPT));
      List<String> scriptKeys = new ArrayList<>(1 + chunk.size());
      scriptKeys.add(keys.outcomeRequest(token));
      chunk.forEach(e -> scriptKeys.add(keys.outcomeId(e.eventId())));
      chunks.add(chunk);
      calls.add(
          new LoopRedis.Call(
              LoopScripts.CLAIM_OUTCOMES,
              ScriptOutputType.MULTI,
              scriptKeys,
              List.of(
                  keys.outcomeRequest(""),
                  token,
                  Integer.toString(calls.size()),
                  Long.toString(CLAIM_LEASE.toMillis()),
                  Long.toString(idRetentionMillis))));
    }
    long busy = 0;
    List<Object> replies = redis.run(calls);
    for (int c = 0; c < chunks.size(); c++) {
      List<OutcomeEvent> claimed = new ArrayList<>();
      List<?> codes = (List<?>) replies.get(c);
      for (int i = 0; i < codes.size(); i++) {
        long code = (Long) codes.get(i);
        if (code == 1) {
          claimed.add(chunks.get(c).get(i));
        } else if (code == 2) {
          busy++;
        }
      }
      claimedChunks.add(claimed);
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
   * After a failure: ends the request's lease so that the client's retry may take its ids over at
   * once (what was attributed stays in flight, so the retry does not attribute it again; chunks
   * already marked stay recorded). If Redis is down this fails too, and the lease runs out.
   */
  private void release(String token) {
    try {
      redis.await(redis.call(() -> redis.commands().hdel(keys.outcomeRequest(token), "lease")));
    } catch (UnavailableException e) {
      cleanupFailures.warn(
          "analysis.claim_release_failed", "error", String.valueOf(e.getMessage()));
    }
  }

  /**
   * Marks each chunk's claimed ids recorded and exports its events; returns per chunk whether it
   * did (not when the request's lease ended first).
   */
  private boolean[] markRecorded(List<List<OutcomeEvent>> claimedChunks, String token) {
    List<LoopRedis.Call> calls = new ArrayList<>();
    List<Integer> chunkOfCall = new ArrayList<>();
    for (int c = 0; c < claimedChunks.size(); c++) {
      List<OutcomeEvent> chunk = claimedChunks.get(c);
      if (chunk.isEmpty()) {
        continue;
      }
      List<String> args = new ArrayList<>(2 + 6 * chunk.size());
      args.add(Integer.toString(c));
      args.add(Long.toString(streamMaxLength));
      for (OutcomeEvent event : chunk) {
        args.addAll(ExportCodec.outcomeArgs(event));
      }
      chunkOfCall.add(c);
      calls.add(
          new LoopRedis.Call(
              LoopScripts.MARK_OUTCOMES,
              ScriptOutputType.INTEGER,
              List.of(keys.outcomeRequest(token), keys.outcomeStream()),
              args));
    }
    boolean[] marked = new boolean[claimedChunks.size()];
    List<Object> replies = redis.run(calls);
    for (int i = 0; i < replies.size(); i++) {
      marked[chunkOfCall.get(i)] = (Long) replies.get(i) == 1;
    }
    return marked;
  }

  /**
   * Drops the in-flight markers of the events now recorded (no request can claim their ids any
   * more); markers of events whose chunk lost its lease stay, for the request that takes them over.
   * The batch is complete without this step: if it fails, the markers only take memory, so the
   * failure is logged rather than failing a recorded batch.
   */
  private void forgetInflight(
      Map<String, List<OutcomeEvent>> byExperiment, List<OutcomeEvent> recorded) {
    Set<OutcomeEvent> done = Collections.newSetFromMap(new IdentityHashMap<>());
    done.addAll(recorded);
    try {
      List<RedisFuture<Long>> futures = new ArrayList<>();
      for (Map.Entry<String, List<OutcomeEvent>> experiment : byExperiment.entrySet()) {
        String[] ids =
            experiment.getValue().stream()
                .filter(done::contains)
                .map(OutcomeEvent::eventId)
                .toArray(String[]::new);
        if (ids.length > 0) {
          futures.add(
              redis.call(() -> redis.commands().hdel(keys.inflight(experiment.getKey()), ids)));
        }
      }
      redis.awaitAll(futures);
    } catch (UnavailableException e) {
      cleanupFailures.warn(
          "analysis.inflight_cleanup_failed", "error", String.valueOf(e.getMessage()));
    }
  }
}
