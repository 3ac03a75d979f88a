package dev.assay.analysis.loop;

import static dev.assay.analysis.loop.MapMetricCatalog.metric;
import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.InMemoryLoopStore;
import dev.assay.analysis.export.FollowPoller;
import dev.assay.analysis.exposures.ExposureGrpcService;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.outcomes.OutcomeGrpcService;
import dev.assay.analysis.v1.ExportExposuresRequest;
import dev.assay.analysis.v1.ExportExposuresResponse;
import dev.assay.analysis.v1.ExportOutcomesRequest;
import dev.assay.analysis.v1.ExportOutcomesResponse;
import dev.assay.analysis.v1.Exposure;
import dev.assay.analysis.v1.ExposureServiceGrpc;
import dev.assay.analysis.v1.IngestExposuresRequest;
import dev.assay.analysis.v1.IngestExposuresResponse;
import dev.assay.analysis.v1.OutcomeEvent;
import dev.assay.analysis.v1.OutcomeServiceGrpc;
import dev.assay.analysis.v1.RecordOutcomesRequest;
import dev.assay.analysis.v1.RecordOutcomesResponse;
import dev.assay.analysis.v1.StreamOutcomesRequest;
import dev.assay.analysis.v1.StreamOutcomesResponse;
import dev.assay.runtime.testing.GrpcAssertions;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exposure and outcome RPCs on an in-process server over the in-memory store. */
class LoopGrpcTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final Timestamp NOW_PROTO =
      Timestamp.newBuilder().setSeconds(NOW.getEpochSecond()).build();

  private final MutableClock clock = new MutableClock(NOW);
  private final MapMetricCatalog catalog =
      new MapMetricCatalog().with(metric("revenue", MetricKind.SUM));
  private InMemoryLoopStore store;
  private FollowPoller poller;
  private InProcessGrpc grpc;
  private ExposureServiceGrpc.ExposureServiceBlockingStub exposures;
  private OutcomeServiceGrpc.OutcomeServiceBlockingStub outcomes;

  @BeforeEach
  void start() {
    store = new InMemoryLoopStore(clock, Duration.ofDays(30), 1_000);
    poller = new FollowPoller(Duration.ofMillis(10));
    grpc =
        InProcessGrpc.start(
            "analysis",
            List.of(
                new ExposureGrpcService(store, catalog, clock, poller),
                new OutcomeGrpcService(store, catalog, clock, poller)),
            poller,
            store);
    exposures = ExposureServiceGrpc.newBlockingStub(grpc.channel());
    outcomes = OutcomeServiceGrpc.newBlockingStub(grpc.channel());
  }

  @AfterEach
  void stop() {
    grpc.close();
  }

  private static Exposure.Builder exposure(String unit) {
    return Exposure.newBuilder()
        .setExperimentKey("checkout")
        .setVariationIndex(1)
        .setVariationKey("treatment")
        .setUnitId(unit)
        .setTime(NOW_PROTO)
        .addAllVariationWeights(List.of(0.5, 0.5));
  }

  private static OutcomeEvent.Builder event(String id, String unit) {
    return OutcomeEvent.newBuilder()
        .setEventId(id)
        .setUnitId(unit)
        .setMetricKey("revenue")
        .setValue(2.5)
        .setTime(NOW_PROTO);
  }

  @Test
  void exposuresAndOutcomesRecordAndCountOnce() {
    IngestExposuresRequest batch =
        IngestExposuresRequest.newBuilder()
            .addExposures(exposure("u1"))
            .addExposures(exposure("u2"))
            .addExposures(exposure("u1"))
            .build();
    assertEquals(
        IngestExposuresResponse.newBuilder().setRecorded(2).setDuplicates(1).build(),
        exposures.ingestExposures(batch));
    RecordOutcomesRequest events =
        RecordOutcomesRequest.newBuilder()
            .addEvents(event("a", "u1"))
            .addEvents(event("b", "nobody"))
            .build();
    assertEquals(
        RecordOutcomesResponse.newBuilder().setRecorded(2).setAttributions(1).build(),
        outcomes.recordOutcomes(events));
    assertEquals(
        RecordOutcomesResponse.newBuilder().setDuplicates(2).build(),
        outcomes.recordOutcomes(events));
    var treatment = store.current("checkout", Cohort.ASSIGNED).orElseThrow().variations().get(0);
    assertEquals(2, treatment.units());
    assertEquals(2.5, treatment.metrics().get("revenue").sum());
  }

  static Stream<Arguments> badExposures() {
    return Stream.of(
        bad(b -> b.setExperimentKey(""), "exposures[1].experiment_key"),
        bad(b -> b.setExperimentKey("a b"), "exposures[1].experiment_key"),
        bad(b -> b.setVariationKey(""), "exposures[1].variation_key"),
        bad(b -> b.setUnitId("u".repeat(257)), "exposures[1].unit_id"),
        bad(b -> b.clearTime(), "exposures[1].time"),
        bad(
            b -> b.setTime(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() + 301)),
            "exposures[1].time"),
        bad(b -> b.setTime(Timestamp.newBuilder().setNanos(-1)), "exposures[1].time"),
        bad(b -> b.setVariationIndex(-1), "exposures[1].variation_index"),
        bad(b -> b.setVariationIndex(2), "exposures[1].variation_index"),
        bad(b -> b.setVariationWeights(1, Double.NaN), "exposures[1].variation_weights[1]"),
        bad(b -> b.setVariationWeights(0, 1.5), "exposures[1].variation_weights[0]"));
  }

  private static Arguments bad(UnaryOperator<Exposure.Builder> change, String field) {
    return Arguments.of(change, field);
  }

  @ParameterizedTest
  @MethodSource("badExposures")
  void aBadExposureRejectsTheWholeBatchNamingTheField(
      UnaryOperator<Exposure.Builder> change, String field) {
    IngestExposuresRequest request =
        IngestExposuresRequest.newBuilder()
            .addExposures(exposure("good"))
            .addExposures(change.apply(exposure("bad")))
            .build();
    assertInvalid(() -> exposures.ingestExposures(request), field);
    assertTrue(store.current("checkout", Cohort.ASSIGNED).isEmpty(), "nothing recorded");
  }

  static Stream<Arguments> badEvents() {
    return Stream.of(
        badEvent(b -> b.setEventId(""), "events[1].event_id"),
        badEvent(b -> b.setEventId("e".repeat(129)), "events[1].event_id"),
        badEvent(b -> b.setUnitId(""), "events[1].unit_id"),
        badEvent(b -> b.setMetricKey("unknown"), "events[1].metric_key"),
        badEvent(b -> b.setMetricKey("bad key"), "events[1].metric_key"),
        badEvent(b -> b.setValue(Double.POSITIVE_INFINITY), "events[1].value"),
        badEvent(b -> b.setValue(-1.1e15), "events[1].value"),
        badEvent(b -> b.clearTime(), "events[1].time"),
        badEvent(
            b -> b.setTime(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() + 3600)),
            "events[1].time"));
  }

  private static Arguments badEvent(UnaryOperator<OutcomeEvent.Builder> change, String field) {
    return Arguments.of(change, field);
  }

  @ParameterizedTest
  @MethodSource("badEvents")
  void aBadEventRejectsTheWholeBatchNamingTheField(
      UnaryOperator<OutcomeEvent.Builder> change, String field) {
    RecordOutcomesRequest request =
        RecordOutcomesRequest.newBuilder()
            .addEvents(event("good", "u1"))
            .addEvents(change.apply(event("bad", "u1")))
            .build();
    assertInvalid(() -> outcomes.recordOutcomes(request), field);
    assertTrue(store.exportOutcomes("", "", 10).items().isEmpty(), "nothing recorded");
  }

  @Test
  void batchesAreBetweenOneAndTenThousandEntries() {
    assertInvalid(
        () -> outcomes.recordOutcomes(RecordOutcomesRequest.getDefaultInstance()), "events");
    assertInvalid(
        () -> exposures.ingestExposures(IngestExposuresRequest.getDefaultInstance()), "exposures");
    RecordOutcomesRequest.Builder tooMany = RecordOutcomesRequest.newBuilder();
    for (int i = 0; i < 10_001; i++) {
      tooMany.addEvents(event("e" + i, "u"));
    }
    assertInvalid(() -> outcomes.recordOutcomes(tooMany.build()), "events");
  }

  @Test
  void aRatioMetricTakesNoEventsOfItsOwn() {
    catalog.with(
        metric("sessions", MetricKind.COUNT), MapMetricCatalog.ratio("rps", "revenue", "sessions"));
    assertInvalid(
        () ->
            outcomes.recordOutcomes(
                RecordOutcomesRequest.newBuilder()
                    .addEvents(event("a", "u").setMetricKey("rps"))
                    .build()),
        "events[0].metric_key");
  }

  @Test
  void aStreamRecordsEachBatchAndAnswersTotals() throws Exception {
    exposures.ingestExposures(
        IngestExposuresRequest.newBuilder().addExposures(exposure("u1")).build());
    CompletableFuture<StreamOutcomesResponse> answer = new CompletableFuture<>();
    StreamObserver<StreamOutcomesRequest> stream =
        OutcomeServiceGrpc.newStub(grpc.channel()).streamOutcomes(observer(answer));
    stream.onNext(
        StreamOutcomesRequest.newBuilder()
            .addEvents(event("a", "u1"))
            .addEvents(event("b", "u2"))
            .build());
    stream.onNext(
        StreamOutcomesRequest.newBuilder()
            .addEvents(event("a", "u1"))
            .addEvents(event("c", "u1"))
            .build());
    stream.onCompleted();
    assertEquals(
        StreamOutcomesResponse.newBuilder()
            .setRecorded(3)
            .setDuplicates(1)
            .setAttributions(2)
            .build(),
        answer.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aBadBatchEndsTheStreamAndKeepsTheBatchesBefore() throws Exception {
    CompletableFuture<StreamOutcomesResponse> answer = new CompletableFuture<>();
    StreamObserver<StreamOutcomesRequest> stream =
        OutcomeServiceGrpc.newStub(grpc.channel()).streamOutcomes(observer(answer));
    stream.onNext(StreamOutcomesRequest.newBuilder().addEvents(event("a", "u1")).build());
    stream.onNext(
        StreamOutcomesRequest.newBuilder()
            .addEvents(event("b", "u1"))
            .addEvents(event("c", "u1").setValue(Double.NaN))
            .build());
    stream.onCompleted();
    Exception failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class, () -> answer.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("events[1].value"), GrpcAssertions.invalidFields(failure.getCause()));
    assertEquals(1, store.exportOutcomes("", "", 10).items().size());
  }

  private static <T> StreamObserver<T> observer(CompletableFuture<T> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }

  @Test
  void exportsResumeFromACursorAndFollowNewEvents() throws Exception {
    IngestExposuresRequest.Builder batch = IngestExposuresRequest.newBuilder();
    for (int i = 0; i < 450; i++) {
      batch.addExposures(exposure("u" + i));
    }
    exposures.ingestExposures(batch.build());
    List<ExportExposuresResponse> all = new ArrayList<>();
    exposures
        .exportExposures(ExportExposuresRequest.getDefaultInstance())
        .forEachRemaining(all::add);
    assertEquals(450, all.size());
    assertEquals("u0", all.get(0).getExposure().getUnitId());
    assertEquals(exposure("u449").build(), all.get(449).getExposure());
    List<ExportExposuresResponse> rest = new ArrayList<>();
    exposures
        .exportExposures(
            ExportExposuresRequest.newBuilder().setAfterCursor(all.get(399).getCursor()).build())
        .forEachRemaining(rest::add);
    assertEquals(all.subList(400, 450), rest);
    GrpcAssertions.assertStatus(
        Status.Code.INVALID_ARGUMENT,
        () ->
            exposures
                .exportExposures(ExportExposuresRequest.newBuilder().setAfterCursor("x").build())
                .hasNext());

    List<ExportOutcomesResponse> followed = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    var call = io.grpc.Context.current().withCancellation();
    call.run(
        () ->
            OutcomeServiceGrpc.newStub(grpc.channel())
                .exportOutcomes(
                    ExportOutcomesRequest.newBuilder().setFollow(true).build(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(ExportOutcomesResponse value) {
                        followed.add(value);
                      }

                      @Override
                      public void onError(Throwable t) {
                        ended.complete(null);
                      }

                      @Override
                      public void onCompleted() {
                        ended.complete(null);
                      }
                    }));
    outcomes.recordOutcomes(RecordOutcomesRequest.newBuilder().addEvents(event("a", "u1")).build());
    outcomes.recordOutcomes(RecordOutcomesRequest.newBuilder().addEvents(event("b", "u1")).build());
    dev.assay.runtime.testing.Await.awaitWithin(
        Duration.ofSeconds(10), "followed events arrive", () -> followed.size() == 2);
    assertEquals("a", followed.get(0).getEvent().getEventId());
    assertEquals("b", followed.get(1).getEvent().getEventId());
    assertTrue(!ended.isDone(), "a following export stays open");
    call.cancel(null);
    ended.get(10, TimeUnit.SECONDS);
    Iterator<ExportOutcomesResponse> filtered =
        outcomes.exportOutcomes(ExportOutcomesRequest.newBuilder().setMetricKey("other").build());
    assertTrue(!filtered.hasNext());
  }
}
