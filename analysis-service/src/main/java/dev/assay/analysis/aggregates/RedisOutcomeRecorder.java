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
    String token = newToken();
    List<ClaimedChunk> chunks = new ArrayList<>();
    long busy = claim(events, token, chunks);
    List<OutcomeEvent> claimed = chunks.stream().flatMap(c -> c.events().stream()).toList();
    long attributions = 0;
    long recorded = 0;
    if (!claimed.isEmpty()) {
      Map<Integer, Set<String>> experimentsOfChunk = new HashMap<>();
      boolean[] marked;
      try {
        Map<String, List<String>> experimentsByUnit = experimentsOf(claimed);
        requireLease(start);
        attributions =
            attribute(chunks, experimentsByUnit, rules, token, clock.millis(), experimentsOfChunk);
        requireLease(start);
        marked = markRecorded(chunks, token);
      } catch (RuntimeException e) {
        release(token);
        throw e;
      }
      List<OutcomeEvent> recordedEvents = new ArrayList<>();
      for (ClaimedChunk chunk : chunks) {
        if (marked[chunk.index()]) {
          recordedEvents.addAll(chunk.events());
        }
      }
      recorded = recordedEvents.size();
      busy += claimed.size() - recorded;
      preExposure.appendRecorded(recordedEvents, rules);
      forgetAttributed(chunks, marked, experimentsOfChunk, token);
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
   * events to {@code claimedChunks} (by chunk index) and returns how many ids another request is
   * recording now.
   */
  private long claim(List<OutcomeEvent> events, String token, List<ClaimedChunk> claimedChunks) {
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
      List<String> earlierOwners = new ArrayList<>();
      List<?> codes = (List<?>) replies.get(c);
      for (int i = 0; i < codes.size(); i++) {
        Object code = codes.get(i);
        if (code instanceof String earlier) {
          // taken over from requests that failed: " <their owners>"
          claimed.add(chunks.get(c).get(i));
          earlierOwners.add(earlier.strip());
        } else if ((Long) code == 1) {
          claimed.add(chunks.get(c).get(i));
          earlierOwners.add("");
        } else if ((Long) code == 2) {
          busy++;
        }
      }
      claimedChunks.add(new ClaimedChunk(c, claimed, earlierOwners));
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

  /**
   * Attributes each claimed chunk's events to their units' experiments: one script per chunk and
   * experiment, so that a chunk is attributed to an experiment all at once or not at all (its owner
   * then marks it done there). Fills {@code experimentsOfChunk}.
   */
  private long attribute(
      List<ClaimedChunk> chunks,
      Map<String, List<String>> experimentsByUnit,
      AttributionRules rules,
      String token,
      long now,
      Map<Integer, Set<String>> experimentsOfChunk) {
    List<MetricRule> ruleList = List.copyOf(rules.rules());
    if (ruleList.isEmpty() || experimentsByUnit.isEmpty()) {
      return 0;
    }
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int r = 0; r < ruleList.size(); r++) {
      ruleIndex.put(ruleList.get(r).metricKey(), r + 1);
    }
    long hour = Math.floorDiv(now, HOUR_MILLIS);
    List<LoopRedis.Call> calls = new ArrayList<>();
    for (ClaimedChunk chunk : chunks) {
      Map<String, List<Integer>> eventsByExperiment = new LinkedHashMap<>();
      for (int i = 0; i < chunk.events().size(); i++) {
        String unit = chunk.events().get(i).unitId();
        for (String e : experimentsByUnit.getOrDefault(unit, List.of())) {
          eventsByExperiment.computeIfAbsent(e, k -> new ArrayList<>()).add(i);
        }
      }
      experimentsOfChunk.put(chunk.index(), eventsByExperiment.keySet());
      for (Map.Entry<String, List<Integer>> experiment : eventsByExperiment.entrySet()) {
        String e = experiment.getKey();
        List<String> scriptKeys = new ArrayList<>(5 + ruleList.size());
        scriptKeys.add(keys.units(e));
        scriptKeys.add(keys.aggregates(e));
        scriptKeys.add(keys.hours(e));
        scriptKeys.add(keys.hour(e, hour));
        scriptKeys.add(keys.attributedChunks(e));
        for (MetricRule rule : ruleList) {
          scriptKeys.add(keys.metricStates(e, rule.metricKey()));
        }
        List<Integer> picked = experiment.getValue();
        calls.add(
            new LoopRedis.Call(
                LoopScripts.ATTRIBUTE_OUTCOMES,
                ScriptOutputType.INTEGER,
                scriptKeys,
                AttributionArgs.of(
                    picked.stream().map(chunk.events()::get).toList(),
                    picked.stream().map(chunk.earlierOwners()::get).toList(),
                    ruleList,
                    ruleIndex,
                    rules,
                    hour,
                    chunk.owner(token))));
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
   * once (the chunks it attributed stay marked so, and the retry does not attribute them again;
   * chunks already marked recorded stay recorded). If Redis is down this fails too, and the lease
   * runs out.
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
  private boolean[] markRecorded(List<ClaimedChunk> claimedChunks, String token) {
    List<LoopRedis.Call> calls = new ArrayList<>();
    List<Integer> chunkOfCall = new ArrayList<>();
    for (ClaimedChunk claimed : claimedChunks) {
      int c = claimed.index();
      List<OutcomeEvent> chunk = claimed.events();
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
   * Drops the attributed-chunk marks of the chunks now recorded (their ids are duplicates from now
   * on, so no request takes them over). The marks of chunks that lost their lease stay, for the
   * request that takes their ids over; so do those of the requests this one took ids over from
   * (other ids of theirs may still be taken over). The batch is complete without this step: if it
   * fails, the marks only take memory, so the failure is logged rather than failing the batch.
   */
  private void forgetAttributed(
      List<ClaimedChunk> chunks,
      boolean[] marked,
      Map<Integer, Set<String>> experimentsOfChunk,
      String token) {
    try {
      List<RedisFuture<Long>> futures = new ArrayList<>();
      for (ClaimedChunk chunk : chunks) {
        if (!marked[chunk.index()]) {
          continue;
        }
        for (String e : experimentsOfChunk.getOrDefault(chunk.index(), Set.of())) {
          futures.add(
              redis.call(
                  () -> redis.commands().hdel(keys.attributedChunks(e), chunk.owner(token))));
        }
      }
      redis.awaitAll(futures);
    } catch (UnavailableException e) {
      cleanupFailures.warn(
          "analysis.attributed_cleanup_failed", "error", String.valueOf(e.getMessage()));
    }
  }
}
