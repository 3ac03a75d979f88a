package dev.assay.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.RedisProcess;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The state machine against a redis-server of the test's own, which it flushes and kills. */
class StoreMonitorTest {
  private static final String META = "t:{meta}";
  private static final String ITEMS = "t:items";

  private final RedisProcess server = RedisProcess.ephemeral();
  private final SharedRedisClient client =
      SharedRedisClient.create(new RedisSettings(server.url(), "t", Duration.ofSeconds(2)));
  private final RedisConnection<String, String> redis = client.connect();

  @AfterEach
  void stop() {
    redis.close();
    client.close();
    server.close();
  }

  /** A replica holding one Redis hash in memory. */
  private final class HashReplica implements StoreMonitor.Replica {
    volatile Map<String, String> held = Map.of();
    int restores;

    @Override
    public boolean resync(BooleanSupplier stillIntact) {
      Map<String, String> loaded = redis.sync().hgetall(ITEMS);
      if (!stillIntact.getAsBoolean()) {
        return false;
      }
      held = Map.copyOf(loaded);
      return true;
    }

    @Override
    public long restore() {
      restores++;
      held.forEach((k, v) -> redis.sync().hsetnx(ITEMS, k, v));
      return held.size();
    }
  }

  private StoreMonitor monitor() {
    return new StoreMonitor(
        "test",
        new StoreGuard(redis, META),
        redis::isOpen,
        Duration.ofHours(1),
        Duration.ofHours(1),
        OpenTelemetry.noop());
  }

  private void write(StoreMonitor monitor, String key, String value) {
    monitor.checkWritable();
    redis.sync().hset(ITEMS, key, value);
    monitor.recordWrite();
    monitor.checkNow(); // the writing replica reloads what it wrote
  }

  @Test
  void aFlushedStoreIsRestoredFromMemoryNeverAdopted() {
    HashReplica replica = new HashReplica();
    try (StoreMonitor monitor = monitor()) {
      monitor.start(replica);
      write(monitor, "a", "1");
      assertEquals(Map.of("a", "1"), replica.held);

      server.command("FLUSHALL");
      monitor.checkNow();

      assertEquals(Map.of("a", "1"), replica.held);
      assertEquals("1", redis.sync().hget(ITEMS, "a"));
      assertEquals(1, replica.restores);
      assertEquals(StoreMonitor.State.IN_SYNC, monitor.state());
    }
  }

  @Test
  void aRestartWithoutPersistenceIsRestoredOnceRedisAnswers() {
    HashReplica replica = new HashReplica();
    try (StoreMonitor monitor = monitor()) {
      monitor.start(replica);
      write(monitor, "a", "1");
      server.kill();
      monitor.checkNow();
      assertEquals(StoreMonitor.State.UNREACHABLE, monitor.state());

      server.restart();
      Await.awaitWithin(
          Duration.ofSeconds(10),
          "back in sync",
          () -> {
            monitor.checkNow();
            return monitor.state() == StoreMonitor.State.IN_SYNC;
          });
      assertEquals(Map.of("a", "1"), replica.held);
      assertEquals("1", redis.sync().hget(ITEMS, "a"));
    }
  }

  @Test
  void aWriteThroughAnotherReplicaIsSeenByItsRevisionWithoutAnyNotification() {
    HashReplica first = new HashReplica();
    HashReplica second = new HashReplica();
    try (StoreMonitor writer = monitor();
        StoreMonitor reader = monitor()) {
      writer.start(first);
      reader.start(second);
      write(writer, "b", "2");
      reader.checkNow();
      assertEquals(Map.of("b", "2"), second.held);
    }
  }

  @Test
  void aReplicaThatDidNotRestoreMergesWhatOnlyItHeldBeforeAdopting() {
    HashReplica first = new HashReplica();
    HashReplica second = new HashReplica();
    try (StoreMonitor restorer = monitor();
        StoreMonitor other = monitor()) {
      restorer.start(first);
      other.start(second);
      write(restorer, "a", "1");
      other.checkNow();
      write(other, "b", "2"); // acknowledged through the other replica; the restorer never saw it

      server.command("FLUSHALL");
      restorer.checkNow(); // finds the loss first and restores what it holds: a only
      assertEquals(null, redis.sync().hget(ITEMS, "b"));
      other.checkNow(); // sees the restore, merges b, then adopts

      assertEquals(Map.of("a", "1", "b", "2"), redis.sync().hgetall(ITEMS));
      assertEquals(Map.of("a", "1", "b", "2"), second.held);
      restorer.checkNow();
      assertEquals(Map.of("a", "1", "b", "2"), first.held, "the merge reached the restorer too");
    }
  }

  @Test
  void writesAreRefusedAndHealthSaysSoWhileAnotherReplicaRestores() {
    HashReplica replica = new HashReplica();
    Map<String, Boolean> health = new java.util.concurrent.ConcurrentHashMap<>();
    try (StoreMonitor monitor = monitor()) {
      monitor.start(replica);
      monitor.reportHealth(health::put);
      write(monitor, "a", "1");
      assertEquals(Map.of("assay.store", true, "assay.store.intact", true), health);
      server.command("FLUSHALL");
      StoreGuard other = new StoreGuard(redis, META);
      other.tryLock("other replica", Duration.ofSeconds(30));

      monitor.checkNow();
      assertEquals(StoreMonitor.State.LOST, monitor.state());
      assertThrows(UnavailableException.class, monitor::checkWritable);
      assertEquals(Map.of("a", "1"), replica.held);
      assertEquals(Map.of("assay.store", false, "assay.store.intact", false), health);

      other.unlock("other replica");
      monitor.checkNow();
      assertEquals(StoreMonitor.State.IN_SYNC, monitor.state());
      assertEquals("1", redis.sync().hget(ITEMS, "a"));
      assertEquals(Map.of("assay.store", true, "assay.store.intact", true), health);
    }
  }
}
