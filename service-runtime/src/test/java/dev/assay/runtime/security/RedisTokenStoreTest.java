package dev.assay.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RedisProcess;
import dev.assay.runtime.testing.TestRedis;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens shared through a real Redis by replicas of any service. */
class RedisTokenStoreTest {
  private final TestRedis redis = new TestRedis();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

  @AfterEach
  void close() {
    redis.close();
  }

  private TokenRegistry replica(SharedRedisClient client) {
    TokenRegistry registry =
        new TokenRegistry(
            redis.closeLater(new RedisTokenStore(client)), null, clock, new SecureRandom());
    registry.refresh();
    return registry;
  }

  @Test
  void aTokenCreatedOnOneReplicaWorksOnAnotherAndItsRevocationToo() throws Exception {
    SharedRedisClient client = redis.connect();
    TokenRegistry a = replica(client);
    TokenRegistry b = replica(client);

    TokenRegistry.Created created =
        a.create(Caller.system("test"), "ci", EnumSet.of(Scope.EVALUATE), List.of(), null);
    b.refresh();
    assertEquals("token:" + created.token().id(), b.authenticate(created.bearer()).actor());

    b.revoke(Caller.system("test"), created.token().id());
    a.refresh();
    assertThrows(UnauthenticatedException.class, () -> a.authenticate(created.bearer()));
  }

  @Test
  void aRedisThatCameBackEmptyGetsTheTokensAndRevocationsBack() throws Exception {
    try (RedisProcess server = RedisProcess.ephemeral();
        SharedRedisClient client =
            SharedRedisClient.create(
                new RedisSettings(server.url(), redis.prefix(), Duration.ofSeconds(2)))) {
      TokenRegistry registry = replica(client);
      TokenRegistry.Created kept =
          registry.create(Caller.system("t"), "kept", EnumSet.of(Scope.EVALUATE), List.of(), null);
      TokenRegistry.Created revoked =
          registry.create(Caller.system("t"), "gone", EnumSet.of(Scope.EVALUATE), List.of(), null);
      registry.revoke(Caller.system("t"), revoked.token().id());

      server.command("FLUSHALL");
      registry.refresh();

      TokenRegistry fresh = replica(client);
      fresh.authenticate(kept.bearer());
      assertTrue(
          assertThrows(UnauthenticatedException.class, () -> fresh.authenticate(revoked.bearer()))
              .getMessage()
              .contains("revoked"));
    }
  }

  @Test
  void whileRedisIsAwayTheLastCopyKeepsAuthenticating() throws Exception {
    try (RedisProcess server = RedisProcess.ephemeral();
        SharedRedisClient client =
            SharedRedisClient.create(
                new RedisSettings(server.url(), redis.prefix(), Duration.ofMillis(300)))) {
      TokenRegistry registry = replica(client);
      TokenRegistry.Created created =
          registry.create(Caller.system("t"), "ci", EnumSet.of(Scope.EVALUATE), List.of(), null);

      server.kill();
      registry.refresh();

      registry.authenticate(created.bearer());
    }
  }
}
