package dev.assay.bandit.testing;

import dev.assay.bandit.BanditServer;
import dev.assay.bandit.BanditSettings;
import dev.assay.bandit.api.BanditScopes;
import dev.assay.bandit.decisionkeys.DecisionKeys;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.selection.BanditSnapshot;
import dev.assay.bandit.selection.DecisionIds;
import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.OffPolicyServiceGrpc;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One bandit-service replica over the given store, wired as {@code main} wires it and served by the
 * production {@code GrpcServer} on an in-process transport, with a clock the test moves and a
 * seeded random source (each replica its own seed, as every replica has its own in production). Its
 * {@link Security} is in memory with authentication off unless the test gives one.
 */
public final class InProcessBandit implements AutoCloseable {
  private static final AtomicLong SEEDS = new AtomicLong(20_261_125);

  private final MutableClock clock;
  private final Security security;
  private final BanditServer.Wiring wiring;
  private final InProcessGrpc grpc;

  /** Starts a replica refreshing its snapshot every {@code refresh}, with a generated key. */
  public InProcessBandit(BanditStore store, Duration refresh) {
    this(store, refresh, Optional.empty(), MutableClock.atSystemTime());
  }

  /**
   * Starts a replica refreshing its snapshot every {@code refresh}, signing decision ids with the
   * keys in {@code keysFile} (a generated key if empty), reading time from {@code clock};
   * authentication off.
   */
  public InProcessBandit(
      BanditStore store, Duration refresh, Optional<Path> keysFile, MutableClock clock) {
    this(store, refresh, keysFile, clock, InProcessBandit::authenticationOff);
  }

  /**
   * Starts a replica with a generated key behind the security {@code security} builds from the
   * replica's clock (built with {@link BanditScopes#TABLE}); it is closed with the replica.
   */
  public InProcessBandit(
      BanditStore store, Duration refresh, Function<MutableClock, Security> security) {
    this(store, refresh, Optional.empty(), MutableClock.atSystemTime(), security);
  }

  private InProcessBandit(
      BanditStore store,
      Duration refresh,
      Optional<Path> keysFile,
      MutableClock clock,
      Function<MutableClock, Security> security) {
    this.clock = clock;
    BanditSettings settings =
        new BanditSettings(
            0, RedisSettings.inMemory(), refresh, Duration.ofHours(1), 1_000, 2_000, Duration.ZERO);
    if (keysFile.isPresent()) {
      settings = settings.withDecisionKeysFile(keysFile.get());
    }
    this.security = security.apply(clock);
    wiring =
        BanditServer.wire(
            store,
            settings,
            clock,
            RandomSource.seeded(SEEDS.incrementAndGet()),
            this.security.audit());
    grpc = InProcessGrpc.start("bandit", wiring.services(), this.security, wiring, this.security);
  }

  private static Security authenticationOff(MutableClock clock) {
    return Security.inMemory("bandit", SecuritySettings.OFF, BanditScopes.TABLE, clock);
  }

  /** The replica's security: its tokens and audit trail. */
  public Security security() {
    return security;
  }

  /** The channel to the replica (to call it with other stubs or credentials). */
  public ManagedChannel channel() {
    return grpc.channel();
  }

  /** The replica's services (bandit, admin, off-policy), as {@code main} serves them. */
  public List<BindableService> services() {
    return wiring.services();
  }

  /** The keys this replica signs and verifies with ({@code poll()} re-reads a keys file now). */
  public DecisionKeys decisionKeys() {
    return wiring.decisionKeys();
  }

  /** {@code token} signed with this replica's signing key, as only this service could sign it. */
  public String sign(DecisionToken token) {
    return DecisionIds.issue(token, wiring.decisionKeys().signingKey());
  }

  /** The replica's clock: starts at the real time and moves only when the test moves it. */
  public MutableClock clock() {
    return clock;
  }

  /** Admin stub. */
  public BanditAdminServiceGrpc.BanditAdminServiceBlockingStub admin() {
    return BanditAdminServiceGrpc.newBlockingStub(grpc.channel());
  }

  /** Selection/reward/inspection stub. */
  public BanditServiceGrpc.BanditServiceBlockingStub bandits() {
    return BanditServiceGrpc.newBlockingStub(grpc.channel());
  }

  /** Async stub (for streaming). */
  public BanditServiceGrpc.BanditServiceStub banditsAsync() {
    return BanditServiceGrpc.newStub(grpc.channel());
  }

  /** Creates {@code bandit} through the admin API. */
  public Bandit create(Bandit.Builder bandit) {
    return admin()
        .createBandit(CreateBanditRequest.newBuilder().setBandit(bandit).build())
        .getBandit();
  }

  /** Off-policy stub. */
  public OffPolicyServiceGrpc.OffPolicyServiceBlockingStub offPolicy() {
    return OffPolicyServiceGrpc.newBlockingStub(grpc.channel());
  }

  /** Pulls of every arm of {@code key} in this replica's snapshot (0 if it has none). */
  public double snapshotPulls(String key) {
    return wiring
        .snapshots()
        .find(key)
        .map(
            s ->
                s.source().armFields().values().stream()
                    .mapToDouble(f -> f.getOrDefault("n", 0.0))
                    .sum())
        .orElse(0.0);
  }

  /** This replica's current selection snapshot of bandit {@code key}, if it has one. */
  public Optional<BanditSnapshot> snapshot(String key) {
    return wiring.snapshots().find(key);
  }

  /** Rebuilds the snapshot from the store now. */
  public void refreshSnapshot() {
    wiring.snapshots().refresh();
  }

  /** Stops the server, then the snapshot refresh; the store is the test's to close. */
  @Override
  public void close() {
    grpc.close();
  }
}
