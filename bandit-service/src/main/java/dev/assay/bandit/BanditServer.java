package dev.assay.bandit;

import dev.assay.bandit.api.BanditAdminGrpcService;
import dev.assay.bandit.api.BanditGrpcService;
import dev.assay.bandit.api.OffPolicyGrpcService;
import dev.assay.bandit.definition.BanditCatalog;
import dev.assay.bandit.inspection.BanditInspector;
import dev.assay.bandit.offpolicy.OffPolicyEvaluator;
import dev.assay.bandit.rewards.RewardRecorder;
import dev.assay.bandit.selection.ArmSelector;
import dev.assay.bandit.selection.SnapshotCache;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.runtime.config.Config;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.RedisConnector;
import dev.assay.runtime.server.GrpcServer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Starts the bandit service. Settings (flag {@code --name=value} or env {@code ASSAY_NAME}): {@code
 * bandit-port} (50052), {@code redis-url} (unset = in-memory store), {@code redis-key-prefix}
 * (assay), {@code redis-timeout} (2 s), {@code snapshot-refresh-interval} (100 ms), {@code
 * decision-ttl} (24 h), {@code decision-log-capacity} (100000 per bandit), {@code
 * propensity-samples} (10000).
 */
public final class BanditServer {
  private BanditServer() {}

  /** Entry point: config, store, domain, gRPC server. */
  public static void main(String[] args) throws Exception {
    Config config = Config.fromProcess(args);
    int port = config.getInt("bandit-port", 50052);
    Settings settings =
        new Settings(
            config.getDuration("snapshot-refresh-interval", Duration.ofMillis(100)),
            config.getDuration("decision-ttl", Duration.ofHours(24)),
            config.getInt("propensity-samples", 10_000));
    int logCapacity = config.getInt("decision-log-capacity", 100_000);

    Optional<String> redisUrl = config.find("redis-url");
    BanditStore store;
    if (redisUrl.isPresent()) {
      Duration timeout = config.getDuration("redis-timeout", Duration.ofSeconds(2));
      String prefix = config.get("redis-key-prefix", "assay");
      store =
          new RedisBanditStore(
              RedisConnector.connect(redisUrl.get(), timeout), true, prefix, logCapacity, timeout);
      EventLog.info(
          "bandit.store",
          "store",
          "redis",
          "url",
          redisUrl.get().replaceFirst("//[^@/]*@", "//***@"),
          "key_prefix",
          prefix);
    } else {
      store = new InMemoryBanditStore(logCapacity, System::currentTimeMillis);
      EventLog.info(
          "bandit.store",
          "store",
          "in-memory",
          "note",
          "state is lost on restart; set redis-url to share it");
    }

    Wiring wiring = wire(store, settings, System::currentTimeMillis);
    GrpcServer server =
        GrpcServer.builder("bandit", port)
            .addService(wiring.admin())
            .addService(wiring.bandits())
            .addService(wiring.offPolicy())
            .shutdownGrace(config.getDuration("shutdown-grace", Duration.ofSeconds(20)))
            .closeOnShutdown(wiring.snapshots())
            .closeOnShutdown(store)
            .build()
            .start();
    server.awaitTermination();
  }

  /** Tunables of the domain. */
  public record Settings(
      Duration snapshotRefreshInterval, Duration defaultDecisionTtl, int propensitySamples) {}

  /** The gRPC services and the snapshot cache they share (close it to stop its refresh thread). */
  public record Wiring(
      BanditAdminGrpcService admin,
      BanditGrpcService bandits,
      OffPolicyGrpcService offPolicy,
      SnapshotCache snapshots) {}

  /** Builds the domain over {@code store} and the gRPC adapters in front of it. */
  public static Wiring wire(BanditStore store, Settings settings, LongSupplier clockMillis) {
    SnapshotCache snapshots =
        new SnapshotCache(
                store,
                settings.snapshotRefreshInterval(),
                clockMillis,
                settings.propensitySamples())
            .start();
    BanditCatalog catalog = new BanditCatalog(store, snapshots::refresh);
    ArmSelector selector = new ArmSelector(snapshots, clockMillis);
    RewardRecorder recorder = new RewardRecorder(store, snapshots, clockMillis);
    BanditInspector inspector = new BanditInspector(store, clockMillis);
    OffPolicyEvaluator evaluator = new OffPolicyEvaluator(store, snapshots);
    return new Wiring(
        new BanditAdminGrpcService(catalog, settings.defaultDecisionTtl()),
        new BanditGrpcService(selector, recorder, inspector),
        new OffPolicyGrpcService(evaluator),
        snapshots);
  }
}
