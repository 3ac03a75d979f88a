package dev.assay.analysis.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same contract in memory and on the real Redis (a unique key prefix per test). */
class MonitorActionStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

  private final TestRedis redis = new TestRedis();

  @AfterEach
  void close() {
    redis.close();
  }

  static Stream<Arguments> stores() {
    return Stream.of(
        Arguments.of(
            "memory",
            (Function<TestRedis, MonitorActionStore>) r -> new InMemoryMonitorActionStore()),
        Arguments.of(
            "redis",
            (Function<TestRedis, MonitorActionStore>)
                r -> r.closeLater(new RedisMonitorActionStore(r.connect()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void actionsAreListedNewestFirstPagedAndFiltered(
      String name, Function<TestRedis, MonitorActionStore> factory) {
    MonitorActionStore store = factory.apply(redis);
    for (int i = 0; i < 7; i++) {
      store.record(
          i % 3 == 0 ? "a" : "b",
          T0.plusSeconds(i),
          i == 6 ? MonitorActionKind.STOPPED_SUCCESS : MonitorActionKind.STOPPED_GUARDRAIL_BREACH,
          "reason " + i,
          i == 6 ? Optional.of("treatment") : Optional.empty(),
          i != 5,
          i == 5 ? Optional.of("UNAVAILABLE") : Optional.empty());
    }
    ActionPage first = store.list(Optional.empty(), 3, Optional.empty());
    assertEquals(List.of("reason 6", "reason 5", "reason 4"), reasons(first));
    ActionPage second = store.list(Optional.empty(), 3, first.nextPageToken().map(Long::parseLong));
    assertEquals(List.of("reason 3", "reason 2", "reason 1"), reasons(second));
    ActionPage third = store.list(Optional.empty(), 3, second.nextPageToken().map(Long::parseLong));
    assertEquals(List.of("reason 0"), reasons(third));
    assertTrue(third.nextPageToken().isEmpty());

    assertEquals(
        List.of("reason 6", "reason 3", "reason 0"),
        reasons(store.list(Optional.of("a"), 10, Optional.empty())));
    MonitorAction newest = store.latest("a").orElseThrow();
    assertEquals(MonitorActionKind.STOPPED_SUCCESS, newest.kind());
    assertEquals(Optional.of("treatment"), newest.rolledOutVariation());
    assertEquals(T0.plusSeconds(6), newest.time());
    MonitorAction failed = store.latest("b").orElseThrow();
    assertFalse(failed.isApplied());
    assertEquals(Optional.of("UNAVAILABLE"), failed.error());
    assertTrue(store.latest("c").isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aSampleRatioAlertOpensOnceUntilClosed(
      String name, Function<TestRedis, MonitorActionStore> factory) {
    MonitorActionStore store = factory.apply(redis);
    assertTrue(store.openSampleRatioAlert("a"));
    assertFalse(store.openSampleRatioAlert("a"));
    assertTrue(store.openSampleRatioAlert("b"));
    store.closeSampleRatioAlert("a");
    assertTrue(store.openSampleRatioAlert("a"));
  }

  @org.junit.jupiter.api.Test
  void oneReplicaHoldsAnExperimentsLeaseUntilItExpires() throws InterruptedException {
    RedisMonitorLease one = redis.closeLater(new RedisMonitorLease(redis.connect(), "one"));
    RedisMonitorLease two = redis.closeLater(new RedisMonitorLease(redis.connect(), "two"));
    assertTrue(one.tryAcquire("exp", Duration.ofMinutes(1)));
    assertFalse(two.tryAcquire("exp", Duration.ofMinutes(1)));
    assertTrue(two.tryAcquire("other", Duration.ofMinutes(1)));
    assertTrue(one.tryAcquire("short", Duration.ofMillis(1)));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    boolean isTaken = false;
    while (!isTaken && System.nanoTime() < deadline) {
      isTaken = two.tryAcquire("short", Duration.ofMinutes(1));
      Thread.sleep(5);
    }
    assertTrue(isTaken, "an expired lease is free again");
  }

  private static List<String> reasons(ActionPage page) {
    return page.actions().stream().map(MonitorAction::reason).toList();
  }
}
