package dev.assay.analysis.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.RedisProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With its own Redis killed, the record and the lease fail UNAVAILABLE; back up, they work. */
class MonitorStoreRedisFaultTest {
  @Test
  void aRedisOutageIsUnavailableAndTheStoreWorksAgainAfterIt() {
    try (RedisProcess redis = RedisProcess.ephemeral();
        SharedRedisClient client =
            SharedRedisClient.create(
                new RedisSettings(redis.url(), "fault", Duration.ofMillis(500)));
        RedisMonitorActionStore store = new RedisMonitorActionStore(client);
        RedisMonitorLease lease = new RedisMonitorLease(client, "replica")) {
      store.record(
          "exp",
          Instant.parse("2026-03-02T12:00:00Z"),
          MonitorActionKind.ALERT_SAMPLE_RATIO_MISMATCH,
          "before",
          Optional.empty(),
          true,
          Optional.empty());
      redis.kill();
      assertThrows(
          UnavailableException.class, () -> store.list(Optional.empty(), 10, Optional.empty()));
      assertThrows(
          UnavailableException.class,
          () ->
              store.record(
                  "exp",
                  Instant.parse("2026-03-02T12:01:00Z"),
                  MonitorActionKind.ALERT_SAMPLE_RATIO_MISMATCH,
                  "during",
                  Optional.empty(),
                  true,
                  Optional.empty()));
      assertThrows(
          UnavailableException.class, () -> lease.tryAcquire("exp", Duration.ofSeconds(1)));
      redis.restart();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      ActionPage page = null;
      while (page == null) {
        try {
          page = store.list(Optional.empty(), 10, Optional.empty());
        } catch (UnavailableException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
        }
      }
      // An ephemeral server comes back empty: nothing half-written is there.
      assertEquals(0, page.actions().size());
      store.record(
          "exp",
          Instant.parse("2026-03-02T12:02:00Z"),
          MonitorActionKind.ALERT_SAMPLE_RATIO_MISMATCH,
          "after",
          Optional.empty(),
          true,
          Optional.empty());
      assertEquals(1, store.list(Optional.of("exp"), 10, Optional.empty()).actions().size());
    }
  }
}
