package dev.assay.analysis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import dev.assay.analysis.api.MetricGrpcService;
import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.UpdateMetricRequest;
import dev.assay.runtime.testing.MalformedRequests;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the metric RPCs: bytes that are no request are INVALID_ARGUMENT; thousands of
 * random definitions and updates (NaN, huge durations, odd keys, masks naming anything) are each
 * either stored whole or refused with a canonical code, never INTERNAL, and a refused one changes
 * nothing.
 */
class HostileMetricRequestsTest {
  private static final List<String> KEYS =
      List.of("a", "b", "c.d", "", "a b", "k".repeat(129), "é", "x/y", "ratio");
  private static final List<Double> NUMBERS =
      List.of(
          0.0,
          -0.0,
          1.0,
          -1.0,
          10.0,
          10.000001,
          1e100,
          1e101,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE);
  private static final List<Long> SECONDS =
      List.of(
          0L, 1L, -1L, 86_400L, 366L * 86_400, 366L * 86_400 + 1, Long.MAX_VALUE, Long.MIN_VALUE);
  private static final List<Integer> NANOS = List.of(0, 1, -1, 999_999_999, 1_000_000_000);
  private static final List<String> PATHS =
      List.of(
          "name",
          "kind",
          "direction",
          "guardrail_margin",
          "attribution_window",
          "cuped_lookback",
          "winsorize_cap",
          "numerator_metric",
          "denominator_metric",
          "key",
          "version",
          "",
          "x.y");
  private static final Set<Status.Code> REFUSALS =
      Set.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.ALREADY_EXISTS,
          Status.Code.NOT_FOUND,
          Status.Code.ABORTED);

  private final MutableClock clock = MutableClock.atSystemTime();
  private MetricReplica replica;

  @BeforeEach
  void start() {
    replica = new MetricReplica(new InMemoryMetricStore(), clock);
  }

  @AfterEach
  void stop() {
    replica.close();
  }

  @Test
  void bytesThatAreNoRequestAreInvalidArgumentAndChangeNothing() {
    List<MethodDescriptor<?, ?>> methods =
        RawCalls.methods(
            List.of(new MetricGrpcService(replica.registry, replica.security.audit())));
    MalformedRequests.warmUp(replica.channel(), methods);
    MalformedRequests.assertEveryMethodRejectsGarbage(replica.channel(), methods);
    assertEquals(0, count());
  }

  @Test
  void randomDefinitionsAreStoredWholeOrRefusedWithoutChange() {
    SplittableRandom random = new SplittableRandom(20261202L);
    int stored = 0;
    int refused = 0;
    for (int i = 0; i < 3000; i++) {
      MetricDefinition metric = randomMetric(random);
      int before = count();
      List<?> auditBefore = audit();
      try {
        MetricDefinition result =
            random.nextBoolean()
                ? replica
                    .metrics
                    .createMetric(CreateMetricRequest.newBuilder().setMetric(metric).build())
                    .getMetric()
                : replica
                    .metrics
                    .updateMetric(
                        UpdateMetricRequest.newBuilder()
                            .setMetric(metric)
                            .setUpdateMask(randomMask(random))
                            .setExpectedVersion(random.nextInt(3))
                            .build())
                    .getMetric();
        assertEquals(
            result,
            replica
                .metrics
                .getMetric(GetMetricRequest.newBuilder().setKey(result.getKey()).build())
                .getMetric());
        assertEquals(auditBefore.size() + 1, audit().size());
        stored++;
      } catch (StatusRuntimeException e) {
        assertTrue(REFUSALS.contains(e.getStatus().getCode()), e.toString());
        assertEquals(before, count(), "a refused write changes nothing: " + metric);
        assertEquals(auditBefore, audit(), "a refused write records nothing");
        refused++;
      }
    }
    assertTrue(stored > 50 && refused > 50, stored + " stored, " + refused + " refused");
  }

  private int count() {
    return replica
        .metrics
        .listMetrics(ListMetricsRequest.newBuilder().setPageSize(1000).build())
        .getMetricsCount();
  }

  private List<?> audit() {
    return replica
        .security
        .audit()
        .log()
        .list(dev.assay.runtime.audit.AuditQuery.ALL, 1000, "")
        .entries();
  }

  private static <T> T pick(SplittableRandom random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static Duration randomDuration(SplittableRandom random) {
    return Duration.newBuilder()
        .setSeconds(pick(random, SECONDS))
        .setNanos(pick(random, NANOS))
        .build();
  }

  private static MetricDefinition randomMetric(SplittableRandom random) {
    MetricDefinition.Builder m =
        MetricDefinition.newBuilder()
            .setKey(pick(random, KEYS))
            .setKindValue(random.nextInt(7))
            .setDirectionValue(random.nextInt(4));
    if (random.nextInt(4) == 0) {
      m.setName(random.nextBoolean() ? "n".repeat(256) : "n".repeat(257));
    }
    if (random.nextBoolean()) {
      m.setGuardrailMargin(pick(random, NUMBERS));
    }
    if (random.nextInt(3) == 0) {
      m.setAttributionWindow(randomDuration(random));
    }
    if (random.nextInt(3) == 0) {
      m.setCupedLookback(randomDuration(random));
    }
    if (random.nextInt(3) == 0) {
      m.setWinsorizeCap(pick(random, NUMBERS));
    }
    if (random.nextInt(3) == 0) {
      m.setNumeratorMetric(pick(random, KEYS));
    }
    if (random.nextInt(3) == 0) {
      m.setDenominatorMetric(pick(random, KEYS));
    }
    return m.build();
  }

  private static FieldMask randomMask(SplittableRandom random) {
    FieldMask.Builder mask = FieldMask.newBuilder();
    int paths = random.nextInt(4);
    for (int i = 0; i < paths; i++) {
      mask.addPaths(pick(random, PATHS));
    }
    return mask.build();
  }
}
