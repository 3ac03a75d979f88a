package dev.assay.runtime.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RedisProcess;
import dev.assay.runtime.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour from the in-memory log and the Redis stream. */
class AuditLogContractTest {
  private static final TestRedis REDIS = new TestRedis();
  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

  static Stream<Supplier<AuditLog>> logs() {
    return Stream.of(InMemoryAuditLog::new, () -> new RedisAuditLog(REDIS.connect(TestRedis.URL)));
  }

  @AfterAll
  static void closeRedis() {
    REDIS.close();
  }

  private static AuditEntry entry(Instant time, String actor, String type, String id) {
    return new AuditEntry("", time, actor, "assignment", "m", type, id, null, "{\"k\":1}", "");
  }

  @ParameterizedTest
  @MethodSource("logs")
  void pagesCoverEveryEntryOnceNewestFirstWhateverTheFilter(Supplier<AuditLog> factory) {
    try (AuditLog log = factory.get()) {
      String run = Long.toHexString(System.nanoTime());
      for (int i = 0; i < 450; i++) {
        log.append(entry(START.plusMillis(i / 3), "actor-" + (i % 4) + run, "flag", "f" + i));
      }
      List<String> all =
          collect(log, new AuditQuery("", "", "", "", null, null, Caller.ANONYMOUS), 37);
      AuditQuery byActor =
          new AuditQuery("actor-1" + run, "", "", "", null, null, Caller.ANONYMOUS);
      List<String> filtered = collect(log, byActor, 10);

      List<String> expected = new ArrayList<>();
      for (int i = 449; i >= 0; i--) {
        if (i % 4 == 1) {
          expected.add("f" + i);
        }
      }
      assertEquals(expected, filtered);
      assertTrue(all.size() >= 450);
    }
  }

  @ParameterizedTest
  @MethodSource("logs")
  void exportStreamsOldestFirstWithinTheTimeWindow(Supplier<AuditLog> factory) {
    try (AuditLog log = factory.get()) {
      String actor = "exporter-" + System.nanoTime();
      for (int i = 0; i < 250; i++) {
        log.append(entry(START.plusSeconds(i), actor, "bandit", "b" + i));
      }
      List<String> exported = new ArrayList<>();
      log.export(
          new AuditQuery(actor, "", "", "", null, START.plusSeconds(240), Caller.ANONYMOUS),
          e -> exported.add(e.resourceId()));

      assertEquals(240, exported.size());
      assertEquals("b0", exported.get(0));
      assertEquals("b239", exported.get(239));
    }
  }

  @ParameterizedTest
  @MethodSource("logs")
  void aCallerLimitedToProjectsSeesOnlyItsKeys(Supplier<AuditLog> factory) {
    try (AuditLog log = factory.get()) {
      String actor = "mixed-" + System.nanoTime();
      log.append(entry(START, actor, "experiment", "web-checkout"));
      log.append(entry(START, actor, "experiment", "ios-onboarding"));
      log.append(entry(START, actor, "override", "experiment/web-checkout/user-1"));
      log.append(entry(START, actor, "override", "flag/ios-dark/user-1"));
      log.append(entry(START, actor, "token", "0123456789abcdef"));
      Caller web = new Caller("token:x", EnumSet.of(Scope.AUDIT_READ), List.of("web-"));

      List<String> seen = new ArrayList<>();
      log.export(new AuditQuery(actor, "", "", "", null, null, web), e -> seen.add(e.resourceId()));

      assertEquals(List.of("web-checkout", "experiment/web-checkout/user-1"), seen);
    }
  }

  @ParameterizedTest
  @MethodSource("logs")
  void aPageTokenNotIssuedByTheLogIsRefused(Supplier<AuditLog> factory) {
    try (AuditLog log = factory.get()) {
      assertThrows(IllegalArgumentException.class, () -> log.list(AuditQuery.ALL, 10, "abc"));
      assertThrows(IllegalArgumentException.class, () -> log.list(AuditQuery.ALL, 10, "1--2"));
    }
  }

  @Test
  void entriesWrittenWhileRedisIsAwayAreAppendedInOrderOnceItIsBack() {
    try (RedisProcess server = RedisProcess.persistent();
        SharedRedisClient client =
            SharedRedisClient.create(
                new RedisSettings(server.url(), "audit-test", Duration.ofMillis(500)));
        RedisAuditLog log = new RedisAuditLog(client)) {
      MutableClock clock = new MutableClock(START);
      AuditTrail trail = new AuditTrail(log, "assignment", clock);
      trail.record(Caller.system("t"), "m", "", "flag", "first", null, null);
      server.kill();

      trail.record(Caller.system("t"), "m", "", "flag", "second", null, null);
      trail.record(Caller.system("t"), "m", "", "flag", "third", null, null);
      assertEquals(2, trail.pendingCount());
      assertThrows(UnavailableException.class, () -> log.list(AuditQuery.ALL, 10, ""));

      server.restart();
      Await.awaitWithin(
          Duration.ofSeconds(10),
          "the deferred entries appended",
          () -> {
            trail.flushPending();
            return trail.pendingCount() == 0;
          });

      List<String> order = new ArrayList<>();
      log.export(AuditQuery.ALL, e -> order.add(e.resourceId()));
      assertEquals(List.of("first", "second", "third"), order);
    }
  }

  private static List<String> collect(AuditLog log, AuditQuery query, int pageSize) {
    List<String> ids = new ArrayList<>();
    List<String> seenEntryIds = new ArrayList<>();
    String token = "";
    do {
      AuditPage page = log.list(query, pageSize, token);
      assertTrue(page.entries().size() <= pageSize);
      page.entries().forEach(e -> ids.add(e.resourceId()));
      page.entries().forEach(e -> seenEntryIds.add(e.id()));
      token = page.nextPageToken();
    } while (!token.isEmpty());
    assertEquals(seenEntryIds.stream().distinct().count(), seenEntryIds.size());
    return ids;
  }
}
