package dev.assay.analysis.aggregates;

import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.exposures.ExposureCounts;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.CovariateRules;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

  /** Exposures or events per script call: bounds how long one script blocks Redis. */
  static final int PER_SCRIPT = 500;

  private final RedisConnection<String, String> connection;
  private final LoopRedis redis;
  private final LoopKeys keys;
  private final Clock clock;
  private final long streamMaxLength;
  private final String maskedUrl;
  private final RedisPreExposureHistory preExposure;
  private final RedisOutcomeRecorder outcomes;

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
    this.streamMaxLength = exportMaxEvents;
    this.maskedUrl = client.maskedUrl();
    this.preExposure = new RedisPreExposureHistory(redis, keys, clock, !connection.isCluster());
    this.outcomes =
        new RedisOutcomeRecorder(
            redis,
            keys,
            clock,
            idRetention.toMillis(),
            exportMaxEvents,
            !connection.isCluster(),
            preExposure);
  }

  @Override
  public ExposureCounts recordExposures(List<Exposure> exposures, CovariateRules covariates) {
    long hour = Math.floorDiv(clock.millis(), HOUR_MILLIS);
    // Read before the scripts: an event recorded in between is the race the docs describe.
    Map<String, List<PastEvent>> histories =
        covariates.isNone()
            ? Map.of()
            : preExposure.read(exposures.stream().map(Exposure::unitId).distinct().toList());
    List<List<Exposure>> chunks = new ArrayList<>();
    List<LoopRedis.Call> calls = new ArrayList<>();
    for (Map.Entry<String, List<Exposure>> experiment : byExperiment(exposures).entrySet()) {
      String e = experiment.getKey();
      List<Exposure> all = experiment.getValue();
      for (int from = 0; from < all.size(); from += PER_SCRIPT) {
        List<Exposure> chunk = all.subList(from, Math.min(all.size(), from + PER_SCRIPT));
        chunks.add(chunk);
        calls.add(ExposureArgs.of(keys, e, hour, chunk, histories, covariates));
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
    return outcomes.record(events, rules);
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
