package dev.assay.bandit;

import dev.assay.bandit.api.BanditAdminGrpcService;
import dev.assay.bandit.api.BanditGrpcService;
import dev.assay.bandit.api.BanditScopes;
import dev.assay.bandit.api.OffPolicyGrpcService;
import dev.assay.bandit.decisionkeys.DecisionKeys;
import dev.assay.bandit.decisionkeys.InvalidKeysFileException;
import dev.assay.bandit.definition.BanditCatalog;
import dev.assay.bandit.inspection.BanditInspector;
import dev.assay.bandit.offpolicy.OffPolicyEvaluator;
import dev.assay.bandit.policy.Policies;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.rewards.RewardRecorder;
import dev.assay.bandit.selection.ArmSelector;
import dev.assay.bandit.selection.DecisionIds;
import dev.assay.bandit.selection.SnapshotCache;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.server.GrpcServer;
import dev.assay.runtime.server.ServerTls;
import io.grpc.BindableService;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts the bandit service: settings ({@link BanditCommand}; {@code --help} lists them) → clock
 * and randomness → Redis client (if {@code --redis-url} is set) → security (tokens and audit trail,
 * on the same Redis) → store → decision keys and domain ({@link #wire}) → transport security
 * ({@code --tls-*}, plaintext by default) → gRPC server.
 */
public final class BanditServer {
  private BanditServer() {}

  /** Entry point. */
  public static void main(String[] args) throws IOException, InterruptedException {
    BanditSettings settings = SettingsParser.parseOrExit(new BanditCommand(), args);
    Clock clock = Clock.systemUTC();
    RandomSource random = RandomSource.fromEntropy();
    Optional<SharedRedisClient> redis =
        settings.redis().redisUrl().map(url -> SharedRedisClient.create(settings.redis()));
    Security security =
        Security.create("bandit", settings.security(), redis, BanditScopes.TABLE, clock);
    BanditStore store =
        redis
            .map(client -> sharedStore(client, settings.decisionLogCapacity()))
            .orElseGet(() -> embeddedStore(settings.decisionLogCapacity()));
    Wiring bandits;
    try {
      bandits = wire(store, settings, clock, random, security.audit());
    } catch (InvalidSettingsException e) {
      System.err.println("bandit: " + String.valueOf(e.getMessage()));
      store.close();
      security.close();
      redis.ifPresent(SharedRedisClient::close);
      System.exit(SettingsParser.USAGE_EXIT_CODE);
      throw e; // unreachable
    }

    ServerTls tls = ServerTls.start("bandit", settings.tls());
    GrpcServer.Builder server =
        GrpcServer.builder("bandit", GrpcServer.netty("0.0.0.0", settings.port(), tls))
            .openTelemetry(GlobalOpenTelemetry.get())
            .addServices(bandits.services())
            .security(security)
            .shutdownGrace(settings.shutdownGrace())
            .limits(settings.serverLimits())
            .closeOnShutdown(tls)
            .closeOnShutdown(bandits)
            .closeOnShutdown(store)
            .closeOnShutdown(security);
    redis.ifPresent(server::closeOnShutdown);
    GrpcServer started = server.build().start();
    security.start();
    store.monitor().ifPresent(monitor -> monitor.reportHealth(started::reportHealth));
    started.stopOnShutdownSignal().awaitTermination();
  }

  /** The store every replica shares: Redis, on a connection of its own from {@code redis}. */
  private static BanditStore sharedStore(SharedRedisClient redis, int logCapacity) {
    EventLog.info(
        "bandit.store",
        "store",
        "redis",
        "url",
        redis.maskedUrl(),
        "key_prefix",
        redis.settings().keyPrefix());
    return new RedisBanditStore(redis, logCapacity, GlobalOpenTelemetry.get());
  }

  /** The embedded store: this process's memory, not shared, lost on exit. */
  private static BanditStore embeddedStore(int logCapacity) {
    EventLog.info(
        "bandit.store",
        "store",
        "in-memory",
        "note",
        "state is lost on restart; set --redis-url to share it");
    return new InMemoryBanditStore(logCapacity);
  }

  /**
   * The domain over one store and the gRPC services in front of it. Closing it stops the snapshot
   * refresh and the polling of the decision keys; the store is the caller's to close.
   *
   * @param services the admin, selection/reward/inspection and off-policy services, to add to a
   *     {@link GrpcServer}
   * @param snapshots this replica's selection snapshots (refreshed in the background)
   * @param selector arm selection straight on the domain, without gRPC (benchmarks, tests)
   * @param decisionKeys the keys this replica signs and verifies decision ids with
   * @param keysPolling the thread that checks the decision keys for a change
   */
  public record Wiring(
      List<BindableService> services,
      SnapshotCache snapshots,
      ArmSelector selector,
      DecisionKeys decisionKeys,
      ScheduledExecutorService keysPolling)
      implements AutoCloseable {
    /** Defensive copy. */
    public Wiring {
      services = List.copyOf(services);
    }

    /** Stops the snapshot refresh and the keys polling. */
    @Override
    public void close() {
      decisionKeys.close();
      keysPolling.shutdownNow();
      snapshots.close();
    }
  }

  /**
   * Builds the domain over {@code store} with the domain settings of {@code settings} (snapshot
   * refresh interval, default decision TTL, propensity samples, decision keys), reading time from
   * {@code clock} and randomness from {@code random} (a generated decision key comes from {@link
   * SecureRandom}), and starts the snapshot refresh and the keys polling. Admin writes are recorded
   * in {@code audit}.
   *
   * @throws InvalidSettingsException if the decision keys file has no key that signs now
   */
  public static Wiring wire(
      BanditStore store,
      BanditSettings settings,
      Clock clock,
      RandomSource random,
      AuditTrail audit) {
    DecisionKeys keys = decisionKeys(store, settings, clock);
    ScheduledExecutorService keysPolling =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "bandit-decision-keys");
              t.setDaemon(true);
              return t;
            });
    keys.pollEvery(DecisionKeys.POLL_INTERVAL, keysPolling);
    DecisionIds ids = new DecisionIds(keys);
    Policies policies = new Policies(settings.propensitySamples(), random);
    SnapshotCache snapshots =
        new SnapshotCache(store, settings.snapshotRefreshInterval(), clock, policies).start();
    BanditCatalog catalog = new BanditCatalog(store, snapshots::refresh);
    ArmSelector selector = new ArmSelector(snapshots, clock, random, ids);
    RewardRecorder recorder = new RewardRecorder(store, snapshots, clock, ids);
    BanditInspector inspector = new BanditInspector(store, clock, policies, random);
    OffPolicyEvaluator evaluator = new OffPolicyEvaluator(store, snapshots, clock, policies);
    return new Wiring(
        List.of(
            new BanditAdminGrpcService(catalog, settings.defaultDecisionTtl(), audit),
            new BanditGrpcService(selector, recorder, inspector, audit),
            new OffPolicyGrpcService(evaluator)),
        snapshots,
        selector,
        keys,
        keysPolling);
  }

  /** The keys file's keys, or a generated key (shared through {@code store} if it is shared). */
  private static DecisionKeys decisionKeys(
      BanditStore store, BanditSettings settings, Clock clock) {
    if (settings.decisionKeysFile().isEmpty()) {
      return DecisionKeys.generated(store, clock, new SecureRandom());
    }
    try {
      return DecisionKeys.fromFile(settings.decisionKeysFile().get(), clock);
    } catch (InvalidKeysFileException e) {
      throw InvalidSettingsException.forSetting(
          "--decision-keys-file", String.valueOf(e.getMessage()));
    }
  }
}
