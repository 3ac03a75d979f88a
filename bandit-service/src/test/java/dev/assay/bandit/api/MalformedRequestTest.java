package dev.assay.bandit.api;

import dev.assay.bandit.BanditServer;
import dev.assay.bandit.BanditSettings;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.Cases;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MalformedBytes;
import dev.assay.runtime.testing.MalformedRequests;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bytes that are not a valid request are INVALID_ARGUMENT on every bandit RPC. */
class MalformedRequestTest {
  private static List<MethodDescriptor<?, ?>> methods = List.of();
  private static InProcessGrpc grpc;

  @BeforeAll
  static void start() {
    BanditSettings settings =
        new BanditSettings(
            0,
            RedisSettings.inMemory(),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            1_000,
            1_000,
            Duration.ZERO);
    MutableClock clock = MutableClock.atSystemTime();
    Security security =
        Security.inMemory("bandit", SecuritySettings.OFF, BanditScopes.TABLE, clock);
    BanditServer.Wiring wiring =
        BanditServer.wire(
            new InMemoryBanditStore(1_000),
            settings,
            clock,
            RandomSource.seeded(1),
            security.audit());
    methods = RawCalls.methods(wiring.services());
    grpc = InProcessGrpc.start("bandit", wiring.services(), security, wiring, security);
    MalformedRequests.warmUp(grpc.channel(), methods);
  }

  @AfterAll
  static void stop() {
    grpc.close();
  }

  @Test
  void everyMethodAnswersGarbageWithInvalidArgument() {
    MalformedRequests.assertEveryMethodRejectsGarbage(grpc.channel(), methods);
  }

  @Test
  void malformedRequestsAreInvalidArgument() {
    Cases.forAll(
        "malformed requests",
        20261202L,
        500,
        MalformedBytes.forMethods(methods),
        request -> MalformedRequests.assertRejected(grpc.channel(), request));
  }
}
