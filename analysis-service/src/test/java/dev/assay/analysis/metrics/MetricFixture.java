package dev.assay.analysis.metrics;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.UpdateMetricRequest;
import dev.assay.runtime.audit.AuditEntry;
import dev.assay.runtime.audit.AuditQuery;
import dev.assay.runtime.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One replica's metric RPCs over a fresh store per test, with helpers to call them: the store
 * contracts extend it, each store's test class supplies the store.
 */
abstract class MetricFixture {
  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  final MutableClock clock = new MutableClock(START);
  MetricReplica replica;

  /** A fresh, empty store for one test (closed by the replica). */
  abstract MetricStore newStore();

  @BeforeEach
  void startReplica() {
    replica = new MetricReplica(newStore(), clock);
  }

  @AfterEach
  void stopReplica() {
    replica.close();
    afterReplicaClosed();
  }

  /** Releases what the store borrowed (a Redis client), once the replica has closed the store. */
  void afterReplicaClosed() {}

  MetricDefinition create(MetricDefinition.Builder metric) {
    return replica
        .metrics
        .createMetric(CreateMetricRequest.newBuilder().setMetric(metric).build())
        .getMetric();
  }

  MetricDefinition get(String key) {
    return replica.metrics.getMetric(GetMetricRequest.newBuilder().setKey(key).build()).getMetric();
  }

  MetricDefinition update(MetricDefinition.Builder metric, long expectedVersion, String... mask) {
    return replica
        .metrics
        .updateMetric(
            UpdateMetricRequest.newBuilder()
                .setMetric(metric)
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(mask)))
                .setExpectedVersion(expectedVersion)
                .build())
        .getMetric();
  }

  List<AuditEntry> audit() {
    return replica.security.audit().log().list(AuditQuery.ALL, 100, "").entries();
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
