package dev.assay.analysis.metrics;

import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.ListMetricsResponse;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.MetricKind;
import dev.assay.runtime.audit.AuditEntry;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the metric RPCs, whatever the store: every store's test class extends this and
 * supplies a fresh store per test.
 */
abstract class MetricApiContract extends MetricFixture {
  @Test
  void aCreatedMetricIsStoredAtVersionOneWithTheClocksTime() {
    MetricDefinition created = create(Metrics.sum("revenue"));

    MetricDefinition expected =
        Metrics.sum("revenue").setVersion(1).setUpdateTime(timestamp(START)).build();
    assertEquals(expected, created);
    assertEquals(expected, get("revenue"));
  }

  @Test
  void versionAndUpdateTimeSentOnCreateAreIgnored() {
    MetricDefinition created =
        create(
            Metrics.conversion("signup")
                .setVersion(41)
                .setUpdateTime(Timestamp.newBuilder().setSeconds(-1).setNanos(-5)));

    assertEquals(1, created.getVersion());
    assertEquals(timestamp(START), created.getUpdateTime());
  }

  @Test
  void theCatalogServesAWriteAtOnceInDomainTerms() {
    create(Metrics.sum("revenue"));

    var metric = replica.registry.find("revenue").orElseThrow();
    assertEquals(dev.assay.analysis.metrics.MetricKind.SUM, metric.kind());
    assertEquals(1000.0, metric.winsorizeCap().orElseThrow());
    assertEquals(java.time.Duration.ofDays(14), metric.cupedLookback().orElseThrow());
    assertTrue(metric.attributionWindow().isEmpty());
    assertFalse(metric.isDecreaseBetter());
    assertTrue(replica.registry.find("nothing").isEmpty());
  }

  @Test
  void aTakenKeyIsAlreadyExistsAndChangesNothing() {
    create(Metrics.sum("revenue"));

    assertStatus(
        Status.Code.ALREADY_EXISTS, () -> create(Metrics.conversion("revenue").setName("other")));
    assertEquals(Metrics.sum("revenue").getName(), get("revenue").getName());
    assertEquals(1, audit().size());
  }

  @Test
  void anUnknownKeyIsNotFoundAndAMalformedOneIsInvalid() {
    assertStatus(Status.Code.NOT_FOUND, () -> get("missing"));
    assertInvalid(() -> get("no spaces"), "key");
    assertInvalid(() -> get(""), "key");
    assertStatus(Status.Code.NOT_FOUND, () -> update(Metrics.conversion("missing"), 0, "name"));
  }

  @Test
  void listingIsInKeyOrderAndPagesThroughEveryMetric() {
    List<String> keys = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 7; i++) {
      keys.add("m" + random.nextInt(1_000_000) + "." + i);
    }
    keys.forEach(key -> create(Metrics.conversion(key)));

    List<String> listed = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListMetricsResponse page =
          replica.metrics.listMetrics(
              ListMetricsRequest.newBuilder().setPageSize(3).setPageToken(token).build());
      page.getMetricsList().forEach(m -> listed.add(m.getKey()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());

    assertEquals(keys.stream().sorted().toList(), listed);
    assertEquals(3, pages);
    assertEquals(
        7, replica.metrics.listMetrics(ListMetricsRequest.getDefaultInstance()).getMetricsCount());
  }

  @Test
  void listingRefusesAnOutOfRangePageSizeAndAForeignToken() {
    assertInvalid(
        () -> replica.metrics.listMetrics(ListMetricsRequest.newBuilder().setPageSize(-1).build()),
        "page_size");
    assertInvalid(
        () ->
            replica.metrics.listMetrics(ListMetricsRequest.newBuilder().setPageSize(1001).build()),
        "page_size");
    assertInvalid(
        () ->
            replica.metrics.listMetrics(
                ListMetricsRequest.newBuilder().setPageToken("not-a-token").build()),
        "page_token");
  }

  @Test
  void anUpdateChangesOnlyTheMaskedFieldsAndMovesVersionAndTime() {
    create(Metrics.sum("revenue"));
    clock.advance(java.time.Duration.ofMinutes(5));

    MetricDefinition updated =
        update(
            Metrics.mean("revenue").setName("Net revenue").setKind(MetricKind.METRIC_KIND_SUM),
            0,
            "name",
            "guardrail_margin");

    MetricDefinition expected =
        Metrics.sum("revenue")
            .setName("Net revenue")
            .setGuardrailMargin(0.02)
            .setVersion(2)
            .setUpdateTime(timestamp(START.plusSeconds(300)))
            .build();
    assertEquals(expected, updated);
    assertEquals(expected, get("revenue"));
  }

  @Test
  void aMaskedOptionalFieldLeftUnsetIsCleared() {
    create(Metrics.sum("revenue"));

    MetricDefinition updated =
        update(MetricDefinition.newBuilder().setKey("revenue"), 0, "winsorize_cap");

    assertFalse(updated.hasWinsorizeCap());
    assertTrue(updated.hasCupedLookback());
    assertTrue(replica.registry.find("revenue").orElseThrow().winsorizeCap().isEmpty());
  }

  @Test
  void anEmptyMaskReplacesEveryWritableField() {
    create(Metrics.mean("latency"));

    MetricDefinition replacement =
        Metrics.mean("latency")
            .setName("p50 latency")
            .clearGuardrailMargin()
            .setDirection(MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER)
            .setAttributionWindow(Duration.newBuilder().setSeconds(3600))
            .build();
    MetricDefinition updated = update(replacement.toBuilder(), 0);

    assertEquals(
        replacement.toBuilder().setVersion(2).setUpdateTime(timestamp(START)).build(), updated);
  }

  @Test
  void aStaleExpectedVersionIsAbortedAndChangesNothing() {
    create(Metrics.sum("revenue"));
    update(Metrics.sum("revenue").setName("v2"), 1, "name");

    assertStatus(
        Status.Code.ABORTED, () -> update(Metrics.sum("revenue").setName("v3"), 1, "name"));
    assertEquals("v2", get("revenue").getName());
    assertEquals(2, get("revenue").getVersion());
    assertEquals(3, update(Metrics.sum("revenue").setName("v3"), 2, "name").getVersion());
    assertInvalid(
        () -> update(Metrics.sum("revenue").setName("v4"), -1, "name"), "expected_version");
    assertEquals(3, audit().size(), "one create and two updates");
  }

  @Test
  void theKindCannotChange() {
    create(Metrics.sum("revenue"));

    assertInvalid(
        () -> update(Metrics.sum("revenue").setKind(MetricKind.METRIC_KIND_COUNT), 0, "kind"),
        "metric.kind");
    assertInvalid(
        () -> update(Metrics.conversion("revenue").clearAttributionWindow(), 0), "metric.kind");
    assertEquals(MetricKind.METRIC_KIND_SUM, get("revenue").getKind());
    assertEquals(1, get("revenue").getVersion());
  }

  @Test
  void aMaskMayNameOnlyWritableFields() {
    create(Metrics.sum("revenue"));

    assertInvalid(
        () -> update(Metrics.sum("revenue"), 0, "name", "version", "key"),
        "update_mask.paths[1]",
        "update_mask.paths[2]");
    String[] tooMany = new String[101];
    java.util.Arrays.fill(tooMany, "name");
    assertInvalid(() -> update(Metrics.sum("revenue"), 0, tooMany), "update_mask.paths");
  }

  @Test
  void anUpdateIsValidatedAsAWhole() {
    create(Metrics.sum("revenue"));
    create(Metrics.conversion("orders"));

    assertInvalid(
        () -> update(Metrics.sum("revenue").setNumeratorMetric("orders"), 0, "numerator_metric"),
        "metric.numerator_metric");
    assertInvalid(
        () -> update(Metrics.sum("revenue").setGuardrailMargin(-1), 0, "guardrail_margin"),
        "metric.guardrail_margin");
    // A bad value in a field the mask leaves out is not read.
    assertEquals(
        "ok",
        update(Metrics.sum("revenue").setName("ok").setGuardrailMargin(-1), 0, "name").getName());
  }

  @Test
  void aRatioNamesExistingSummableMetricsAndCanBeRepointed() {
    create(Metrics.sum("revenue"));
    create(Metrics.conversion("orders"));
    create(Metrics.sum("refunds").clearCupedLookback());

    MetricDefinition ratio = create(Metrics.ratio("aov", "revenue", "orders"));
    assertEquals("revenue", ratio.getNumeratorMetric());

    MetricDefinition repointed =
        update(Metrics.ratio("aov", "refunds", "orders"), 1, "numerator_metric");
    assertEquals("refunds", repointed.getNumeratorMetric());
    var held = replica.registry.find("aov").orElseThrow();
    assertEquals("refunds", held.numeratorMetric().orElseThrow());
    assertEquals("orders", held.denominatorMetric().orElseThrow());
  }

  @Test
  void everyWriteIsAuditedWithBeforeAndAfterAndRejectedWritesRecordNothing() {
    create(Metrics.sum("revenue"));
    update(Metrics.sum("revenue").setName("Net"), 1, "name");
    assertStatus(Status.Code.ABORTED, () -> update(Metrics.sum("revenue"), 1, "name"));
    assertInvalid(() -> create(Metrics.sum("bad key")), "metric.key");
    assertStatus(Status.Code.ALREADY_EXISTS, () -> create(Metrics.sum("revenue")));

    List<AuditEntry> entries = audit(); // newest first
    assertEquals(2, entries.size());
    AuditEntry updated = entries.get(0);
    AuditEntry created = entries.get(1);
    assertEquals("metric", created.resourceType());
    assertEquals("revenue", created.resourceId());
    assertEquals("analysis", created.service());
    assertEquals("assay.analysis.v1.MetricService/CreateMetric", created.method());
    assertNull(created.beforeJson());
    assertTrue(String.valueOf(created.afterJson()).contains("\"version\":\"1\""));
    assertEquals("assay.analysis.v1.MetricService/UpdateMetric", updated.method());
    assertTrue(String.valueOf(updated.beforeJson()).contains("\"name\":\"Revenue revenue\""));
    assertTrue(String.valueOf(updated.afterJson()).contains("\"name\":\"Net\""));
    assertTrue(String.valueOf(updated.afterJson()).contains("\"version\":\"2\""));
  }
}
