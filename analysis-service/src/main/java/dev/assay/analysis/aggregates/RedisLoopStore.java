package dev.assay.analysis.aggregates;

import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.exposures.ExposureCounts;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.MetricRule;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.analysis.outcomes.Reading;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.ThrottledWarning;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XAddArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The experiment loop's state in Redis, shared by every replica (key layout: {@link LoopKeys}).
 * Each experiment's updates run as Lua scripts over its own hash-tagged keys, so replicas writing
 * at once stay exact; a batch is pipelined: one script per experiment (per chunk), not one call per
 * event.
 *
 * <p>Writes are ordered so that retrying a batch after any failure ends in the exact state:
 *
 * <ul>
 *   <li>exposures: the experiment's script counts first exposures and marks them unexported; they
 *       are then appended to the export stream and unmarked; the unit's experiment index is written
 *       last. A retry finds them counted (duplicates) and exports any still marked.
 *   <li>outcomes: one script in the {@code {outcomes}} slot claims the batch's ids for this request
 *       (ids recorded before are duplicates; ids another request holds answer {@code UNAVAILABLE},
 *       retry); each experiment's script attributes the claimed events, remembering each id as in
 *       flight for that experiment (a retry that takes over a failed request's claim skips it
 *       there); then one script exports the events and marks their ids recorded; finally the
 *       in-flight entries are removed.
 * </ul>
 */
public final class RedisLoopStore implements ExperimentLoopStore {
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

  /**
   * How long a request's claim on outcome ids lasts: after it, a retry may take over the ids of a
   * request that failed. A request stops before writing once half of it has passed.
   */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

  /** Exposures or events per script call: bounds how long one script blocks Redis. */
  static final int PER_SCRIPT = 500;

  private final RedisConnection<String, String> connection;
  private final LoopRedis redis;
  private final LoopKeys keys;
  private final Clock clock;
  private final long idRetentionMillis;
  private final long streamMaxLength;
  private final String maskedUrl;
  private final ThrottledWarning cleanupFailures = new ThrottledWarning(System::nanoTime, 1_000);

  /**
   * A store on {@code client}'s Redis under its key prefix: outcome ids are kept for {@code
   * idRetention}, the export streams trimmed to about {@code exportMaxEvents}.
   */
  public RedisLoopStore(
      SharedRedisClient client, Clock clock, Duration idRetention, long exportMaxEvents) {
    this.connection = client.connect();
    this.redis = new LoopRedis(connection.async(), client.settings().commandTimeout());
    this.keys = new LoopKeys(client.settings().keyPrefix());
    this.clock = clock;
    this.idRetentionMillis = idRetention.toMillis();
    this.streamMaxLength = exportMaxEvents;
    this.maskedUrl = client.maskedUrl();
  }

  @Override
  public ExposureCounts recordExposures(List<Exposure> exposures) {
    String hour = Long.toString(Math.floorDiv(clock.millis(), HOUR_MILLIS));
    List<List<Exposure>> chunks = new ArrayList<>();
    List<LoopRedis.Call> calls = new ArrayList<>();
    for (Map.Entry<String, List<Exposure>> experiment : byExperiment(exposures).entrySet()) {
      String e = experiment.getKey();
      List<Exposure> all = experiment.getValue();
      for (int from = 0; from < all.size(); from += PER_SCRIPT) {
        List<Exposure> chunk = all.subList(from, Math.min(all.size(), from + PER_SCRIPT));
        List<String> args = new ArrayList<>(2 + 6 * chunk.size());
        args.add(hour);
        args.add(Integer.toString(chunk.size()));
        for (Exposure x : chunk) {
          args.add(x.unitId());
          args.add(Integer.toString(x.variationIndex()));
          args.add(x.variationKey());
          args.add(MomentTable.code(x.cohort()));
          args.add(Long.toString(x.time().toEpochMilli()));
          args.add(x.weightsText());
        }
        chunks.add(chunk);
        calls.add(
            new LoopRedis.Call(
                LoopScripts.RECORD_EXPOSURES,
                ScriptOutputType.MULTI,
                List.of(
                    keys.units(e),
                    keys.aggregates(e),
                    keys.hours(e),
                    keys.hour(e, Long.parseLong(hour)),
                    keys.unexported(e)),
                args));
      }
    }
    List<Object> replies = redis.run(calls);
    long recorded = 0;
    Set<Exposure> exporting = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int c = 0; c < chunks.size(); c++) {
      List<?> codes = (List<?>) replies.get(c);
      for (int i = 0; i < codes.size(); i++) {
        long code = (Long) codes.get(i);
        recorded += code == 1 ? 1 : 0;
        if (code != 0) {
          exporting.add(chunks.get(c).get(i));
        }
      }
    }
    // In the batch's order, not the experiments': the stream is the order of recording.
    List<Exposure> toExport = exposures.stream().filter(exporting::contains).toList();
    // Only once the stream holds them may the markers go: a retry exports what is still marked.
    List<RedisFuture<String>> appended = new ArrayList<>();
    for (Exposure x : toExport) {
      appended.add(
          redis.call(
              () ->
                  redis
                      .commands()
                      .xadd(keys.exposureStream(), trimmed(), ExportCodec.exposureFields(x))));
    }
    redis.awaitAll(appended);
    List<RedisFuture<Long>> indexed = new ArrayList<>();
    for (Exposure x : toExport) {
      indexed.add(
          redis.call(() -> redis.commands().srem(keys.unexported(x.experimentKey()), x.unitId())));
    }
    Set<String> experimentKeys = new LinkedHashSet<>();
    for (Exposure x : exposures) {
      experimentKeys.add(x.experimentKey());
      indexed.add(
          redis.call(
              () -> redis.commands().sadd(keys.unitExperiments(x.unitId()), x.experimentKey())));
    }
    indexed.add(
        redis.call(
            () ->
                redis.commands().sadd(keys.experiments(), experimentKeys.toArray(String[]::new))));
    redis.awaitAll(indexed);
    return new ExposureCounts(recorded, exposures.size() - recorded);
  }

  private XAddArgs trimmed() {
    return XAddArgs.Builder.maxlen(streamMaxLength).approximateTrimming();
  }

  private static Map<String, List<Exposure>> byExperiment(List<Exposure> exposures) {
    Map<String, List<Exposure>> grouped = new LinkedHashMap<>();
    for (Exposure x : exposures) {
      grouped.computeIfAbsent(x.experimentKey(), k -> new ArrayList<>()).add(x);
    }
    return grouped;
  }

  @Override
  public OutcomeCounts recordOutcomes(List<OutcomeEvent> events, AttributionRules rules) {
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
                attributionArgs(chunk, ruleList, ruleIndex, rules, hour, now)));
      }
    }
    long attributed = 0;
    for (Object reply : redis.run(calls)) {
      attributed += (Long) reply;
    }
    return attributed;
  }

  private static List<String> attributionArgs(
      List<OutcomeEvent> chunk,
      List<MetricRule> ruleList,
      Map<String, Integer> ruleIndex,
      AttributionRules rules,
      long hour,
      long now) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(hour));
    args.add(Long.toString(now));
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
    for (OutcomeEvent event : chunk) {
      args.add(event.eventId());
      args.add(event.unitId());
      args.add(Integer.toString(metricIndex.getOrDefault(event.metricKey(), 0)));
      args.add(Double.toString(event.value()));
      args.add(Long.toString(event.time().toEpochMilli()));
    }
    return args;
  }

  private static String kindCode(dev.assay.analysis.metrics.MetricKind kind) {
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

  private static String capText(double cap) {
    return Double.isInfinite(cap) ? "none" : Double.toString(cap);
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

  @Override
  public Optional<ExperimentAggregate> current(String experimentKey, Cohort cohort) {
    Map<String, String> fields =
        redis.await(redis.call(() -> redis.commands().hgetall(keys.aggregates(experimentKey))));
    MomentTable table = new MomentTable();
    fields.forEach(table::addField);
    return table.toAggregate(experimentKey, cohort, clock.instant());
  }

  @Override
  public List<ExperimentAggregate> hourly(
      String experimentKey, Cohort cohort, Instant from, Instant to) {
    long lastHour = Math.floorDiv(to.toEpochMilli(), HOUR_MILLIS) - 1;
    List<String> hours =
        redis.await(
            redis.call(
                () ->
                    redis
                        .commands()
                        .zrangebyscore(
                            keys.hours(experimentKey),
                            io.lettuce.core.Range.create(
                                Double.NEGATIVE_INFINITY, (double) lastHour))));
    Map<Long, RedisFuture<Map<String, String>>> futures = new LinkedHashMap<>();
    for (String hour : hours) {
      long h = Long.parseLong(hour);
      futures.put(h, redis.call(() -> redis.commands().hgetall(keys.hour(experimentKey, h))));
    }
    TreeMap<Long, MomentTable> tables = new TreeMap<>();
    for (Map.Entry<Long, RedisFuture<Map<String, String>>> hour : futures.entrySet()) {
      MomentTable table = new MomentTable();
      redis.await(hour.getValue()).forEach(table::addField);
      tables.put(hour.getKey(), table);
    }
    return HourlySnapshots.cumulative(experimentKey, cohort, from, to, tables);
  }

  @Override
  public List<String> experimentKeys() {
    return redis.await(redis.call(() -> redis.commands().smembers(keys.experiments()))).stream()
        .sorted()
        .toList();
  }

  @Override
  public ExportPage<Exposure> exportExposures(String experimentKey, String afterCursor, int limit) {
    return new StreamExport<>(redis, keys.exposureStream(), ExportCodec::exposure)
        .page(
            afterCursor,
            x -> experimentKey.isEmpty() || x.experimentKey().equals(experimentKey),
            limit);
  }

  @Override
  public ExportPage<OutcomeEvent> exportOutcomes(String metricKey, String afterCursor, int limit) {
    return new StreamExport<>(redis, keys.outcomeStream(), ExportCodec::outcome)
        .page(afterCursor, e -> metricKey.isEmpty() || e.metricKey().equals(metricKey), limit);
  }

  @Override
  public String describe() {
    return "redis " + maskedUrl;
  }

  @Override
  public void close() {
    connection.close();
  }
}
