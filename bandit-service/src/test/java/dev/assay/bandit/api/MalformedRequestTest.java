package dev.assay.bandit.api;

import dev.assay.bandit.BanditServer;
import dev.assay.bandit.BanditSettings;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MalformedBytes;
import dev.assay.runtime.testing.MalformedBytes.RawRequest;
import dev.assay.runtime.testing.MalformedRequests;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Bytes that are not a valid request are INVALID_ARGUMENT on every bandit RPC. */
class MalformedRequestTest {
  private static List<MethodDescriptor<?, ?>> methods = List.of();
  private static InProcessGrpc grpc;

  @BeforeContainer
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
    BanditServer.Wiring wiring =
        BanditServer.wire(
            new InMemoryBanditStore(1_000),
            settings,
            MutableClock.atSystemTime(),
            RandomSource.seeded(1));
    methods = RawCalls.methods(wiring.services());
    grpc = InProcessGrpc.start("bandit", wiring.services(), wiring);
    MalformedRequests.warmUp(grpc.channel(), methods);
  }

  @AfterContainer
  static void stop() {
    grpc.close();
  }

  @Example
  void everyMethodAnswersGarbageWithInvalidArgument() {
    MalformedRequests.assertEveryMethodRejectsGarbage(grpc.channel(), methods);
  }

  @Property(tries = 500, seed = "20261202")
  void malformedRequestsAreInvalidArgument(@ForAll("requests") RawRequest request) {
    MalformedRequests.assertRejected(grpc.channel(), request);
  }

  @Provide
  Arbitrary<RawRequest> requests() {
    return MalformedBytes.forMethods(methods);
  }
}
