package dev.assay.bandit.faults;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;

import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.BackgroundLoad;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Two bandit replicas on a Redis of the test's own, under load while the test breaks Redis: one
 * thread selects on both replicas without pause and counts every failed selection; another selects
 * through A and rewards through B, counting the rewards acknowledged. The reward thread can be
 * paused, so a test can let every replica's snapshot catch up before it empties the store.
 */
final class BanditUnderFault implements AutoCloseable {
  static final String BANDIT = "model";

  final List<SharedRedisClient> clients = new ArrayList<>();
  final List<RedisBanditStore> stores = new ArrayList<>();
  final InProcessBandit a;
  final InProcessBandit b;
  final AtomicLong selections = new AtomicLong();
  final AtomicLong failedSelections = new AtomicLong();
  final AtomicLong acknowledgedRewards = new AtomicLong();
  final AtomicLong refusedRewards = new AtomicLong();
  volatile String firstFailure = "";
  private final BackgroundLoad load = new BackgroundLoad();
  private final AtomicLong selectionIndex = new AtomicLong();
  private final AtomicBoolean rewarding = new AtomicBoolean(true);
  private final AtomicBoolean rewardIdle = new AtomicBoolean(false);

  BanditUnderFault(String urlA, String urlB, int waitReplicas) {
    a = new InProcessBandit(store(urlA, waitReplicas), Duration.ofMillis(100));
    b = new InProcessBandit(store(urlB, waitReplicas), Duration.ofMillis(100));
    a.create(bandit(BANDIT, thompsonBernoulli(), "x", "y"));
    Await.awaitWithin(
        Duration.ofSeconds(5), "replica b knows the bandit", () -> trySelect(b) != null);
  }

  private RedisBanditStore store(String url, int waitReplicas) {
    SharedRedisClient client =
        SharedRedisClient.create(
            new RedisSettings(
                url,
                "fault",
                Duration.ofSeconds(2),
                RedisSettings.DEFAULT_RECONNECT_MAX,
                waitReplicas,
                Duration.ofSeconds(2)));
    clients.add(client);
    RedisBanditStore store = new RedisBanditStore(client, 100_000, OpenTelemetry.noop());
    stores.add(store);
    return store;
  }

  void startLoad() {
    load.loop("select", this::selectOnce).loop("reward", this::rewardOnce);
  }

  /** Stops rewarding and waits until no reward is in flight. */
  void pauseRewards() {
    rewardIdle.set(false);
    rewarding.set(false);
    Await.awaitWithin(Duration.ofSeconds(10), "reward loop idle", rewardIdle::get);
  }

  void resumeRewards() {
    rewarding.set(true);
  }

  void stopLoad() {
    load.stop();
  }

  /** A decision id from {@code replica}, or null if selection failed. */
  static String trySelect(InProcessBandit replica) {
    try {
      return replica
          .bandits()
          .select(SelectRequest.newBuilder().setBanditKey(BANDIT).build())
          .getDecisionId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Selects through A and rewards through B; true if the reward was acknowledged. */
  boolean tryReward() {
    String decision = trySelect(a);
    if (decision == null) {
      return false;
    }
    try {
      b.bandits()
          .recordReward(
              RecordRewardRequest.newBuilder().setDecisionId(decision).setReward(1).build());
      acknowledgedRewards.incrementAndGet();
      return true;
    } catch (RuntimeException e) {
      refusedRewards.incrementAndGet();
      return false;
    }
  }

  private void selectOnce() {
    long i = selectionIndex.getAndIncrement();
    if (trySelect(i % 2 == 0 ? a : b) == null && failedSelections.incrementAndGet() == 1) {
      firstFailure = "selection failed on replica " + (i % 2 == 0 ? "a" : "b");
    }
    selections.incrementAndGet();
  }

  private void rewardOnce() {
    if (!rewarding.get()) {
      rewardIdle.set(true);
      LockSupport.parkNanos(1_000_000);
      return;
    }
    rewardIdle.set(false);
    tryReward();
    LockSupport.parkNanos(2_000_000); // pace the writer: about 500 rewards a second at most
  }

  @Override
  public void close() {
    stopLoad();
    a.close();
    b.close();
    stores.forEach(RedisBanditStore::close);
    clients.forEach(SharedRedisClient::close);
  }
}
