package dev.assay.analysis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.runtime.server.GrpcServer;
import dev.assay.runtime.server.ServerLimits;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.InProcessGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission control of streamed samples, with a small budget (64 KiB, so 2,730 values per stream)
 * instead of gigabytes: the old documented limit, two concurrent streams of 2 x 10 million values,
 * now ends in RESOURCE_EXHAUSTED long before the heap is at risk, and every ending of a stream
 * returns its memory.
 */
class StreamMemoryBudgetTest {
  private static final long BUDGET_BYTES = 64 * 1024;

  private final StreamMemoryBudget budget = new StreamMemoryBudget(BUDGET_BYTES);
  private final InProcessGrpc server =
      InProcessGrpc.start("analysis", AnalysisApi.services(budget));
  private final HypothesisTestServiceGrpc.HypothesisTestServiceStub stub =
      HypothesisTestServiceGrpc.newStub(server.channel());

  @AfterEach
  void stop() {
    server.close();
  }

  /** A chunk of {@code n} distinct values per group. */
  private static StreamMannWhitneyTestRequest chunk(int n, int offset) {
    StreamMannWhitneyTestRequest.Builder chunk = StreamMannWhitneyTestRequest.newBuilder();
    for (int i = 0; i < n; i++) {
      chunk.addControlValues(offset + i).addTreatmentValues(offset + i + 0.5);
    }
    return chunk.build();
  }

  private record Stream(
      StreamObserver<StreamMannWhitneyTestRequest> requests,
      CompletableFuture<StreamMannWhitneyTestResponse> answer) {}

  private Stream open() {
    CompletableFuture<StreamMannWhitneyTestResponse> answer = new CompletableFuture<>();
    StreamObserver<StreamMannWhitneyTestRequest> requests =
        stub.streamMannWhitneyTest(
            new StreamObserver<>() {
              @Override
              public void onNext(StreamMannWhitneyTestResponse value) {
                answer.complete(value);
              }

              @Override
              public void onError(Throwable t) {
                answer.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {}
            });
    return new Stream(requests, answer);
  }

  private static Status.Code codeOf(CompletableFuture<?> answer) throws Exception {
    try {
      answer.get(5, TimeUnit.SECONDS);
      return Status.Code.OK;
    } catch (ExecutionException e) {
      return Status.fromThrowable(e.getCause()).getCode();
    }
  }

  @Test
  void budgetIsAQuarterOfTheHeapAndAStreamAtItsLimitFitsAlone() {
    StreamMemoryBudget heap = new StreamMemoryBudget(384L * 1024 * 1024 / 4);
    assertEquals(100_663_296L, heap.totalBytes());
    assertEquals(4_194_304, heap.maxValuesPerStream());
    assertEquals(2_730, budget.maxValuesPerStream());
  }

  @Test
  void aStreamOverItsLimitGetsResourceExhaustedAndReturnsItsMemory() throws Exception {
    Stream stream = open();
    // The old documented limit was 10 million values per group: far beyond this budget.
    for (int i = 0; i < 10 && !stream.answer().isDone(); i++) {
      stream.requests().onNext(chunk(500, i * 1000));
    }
    assertTrue(
        Status.fromThrowable(catchCause(stream.answer()))
            .getDescription()
            .contains("at most 2730 values per stream"));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, codeOf(stream.answer()));
    assertEquals(0, budget.reservedBytes());
  }

  @Test
  void concurrentStreamsShareTheBudgetAndTheLastOneInIsTurnedAway() throws Exception {
    // Each stream holds two arrays of 1,024 values (16 KiB): four fit in 64 KiB, a fifth does not.
    Stream[] streams = new Stream[4];
    for (int i = 0; i < streams.length; i++) {
      streams[i] = open();
      streams[i].requests().onNext(chunk(1_000, 0));
    }
    assertEquals(BUDGET_BYTES, budget.reservedBytes());
    Stream fifth = open();
    fifth.requests().onNext(chunk(1_000, 0));
    Throwable refused = catchCause(fifth.answer());
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(refused).getCode());
    assertTrue(Status.fromThrowable(refused).getDescription().contains("in use by other streams"));
    assertEquals(BUDGET_BYTES, budget.reservedBytes());

    streams[0].requests().onCompleted();
    assertEquals(Status.Code.OK, codeOf(streams[0].answer()));
    assertEquals(BUDGET_BYTES * 3 / 4, budget.reservedBytes());
    // Memory returned by a finished stream admits a new one.
    Stream sixth = open();
    sixth.requests().onNext(chunk(1_000, 0));
    sixth.requests().onCompleted();
    assertEquals(Status.Code.OK, codeOf(sixth.answer()));
    for (int i = 1; i < streams.length; i++) {
      streams[i].requests().onCompleted();
      assertEquals(Status.Code.OK, codeOf(streams[i].answer()));
    }
    assertEquals(0, budget.reservedBytes());
  }

  @Test
  void cancelledAndFailedStreamsReturnTheirMemory() throws Exception {
    Stream cancelled = open();
    cancelled.requests().onNext(chunk(100, 0));
    assertTrue(budget.reservedBytes() > 0);
    ((ClientCallStreamObserver<StreamMannWhitneyTestRequest>) cancelled.requests())
        .cancel("client gives up", null);
    Await.awaitWithin(Duration.ofSeconds(5), "memory returned", () -> budget.reservedBytes() == 0);

    Stream failed = open();
    failed.requests().onNext(chunk(100, 0));
    failed
        .requests()
        .onNext(StreamMannWhitneyTestRequest.newBuilder().addControlValues(Double.NaN).build());
    assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(failed.answer()));
    assertEquals(0, budget.reservedBytes());
  }

  @Test
  void aStreamOverTheServersMessageLimitKeepsNothingAndReturnsItsMemory() throws Exception {
    String name = InProcessServerBuilder.generateName();
    GrpcServer limited =
        GrpcServer.builder("analysis", InProcessServerBuilder.forName(name).directExecutor())
            .addServices(AnalysisApi.services(budget))
            .limits(ServerLimits.DEFAULTS.withMaxStreamMessages(3))
            .shutdownGrace(Duration.ZERO)
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      CompletableFuture<StreamMannWhitneyTestResponse> answer = new CompletableFuture<>();
      StreamObserver<StreamMannWhitneyTestRequest> requests =
          HypothesisTestServiceGrpc.newStub(channel)
              .streamMannWhitneyTest(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(StreamMannWhitneyTestResponse value) {
                      answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                      answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                  });
      for (int i = 0; i < 3; i++) {
        requests.onNext(chunk(10, i * 100));
      }
      assertTrue(budget.reservedBytes() > 0);
      requests.onNext(chunk(10, 1000));
      Status status = Status.fromThrowable(catchCause(answer));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
      assertTrue(
          String.valueOf(status.getDescription()).contains("at most 3 messages"),
          status.toString());
      Await.awaitWithin(
          Duration.ofSeconds(5), "memory returned", () -> budget.reservedBytes() == 0);
    } finally {
      channel.shutdownNow();
      limited.stop();
    }
  }

  private static Throwable catchCause(CompletableFuture<?> answer) throws InterruptedException {
    try {
      answer.get(5, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
