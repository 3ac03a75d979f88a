package dev.assay.benchmarks.analysis;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import dev.assay.analysis.api.AnalysisApi;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.PowerDesign;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.SolveProportionPowerRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamTTestRequest;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TwoSummaries;
import dev.assay.benchmarks.BaselineService;
import dev.assay.benchmarks.LoadGenerator;
import dev.assay.benchmarks.LoopbackServer;
import dev.assay.runtime.server.GrpcServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The analysis service over loopback gRPC against an empty call in the same run: p50 of the
 * sample-size and summary t-test RPCs, and the server time of a streamed t-test over 2 x 10 million
 * values and a streamed Mann-Whitney over 2 x 1 million (default 4 MiB message limit, 100,000
 * values per group per message). Usage: {@code [seconds per measurement] [in-flight]
 * [repetitions]}.
 */
public final class AnalysisBenchmark {
  private static final int CHUNK = 100_000;

  private AnalysisBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration window = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 5);
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;

    ServerTimer timer = new ServerTimer();
    GrpcServer analysis = LoopbackServer.start("analysis", AnalysisApi.services(), timer);
    GrpcServer baseline = LoopbackServer.startBaseline();
    ManagedChannel analysisChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", analysis.port()).usePlaintext().build();
    ManagedChannel baselineChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", baseline.port()).usePlaintext().build();

    PowerServiceGrpc.PowerServiceFutureStub power = PowerServiceGrpc.newFutureStub(analysisChannel);
    HypothesisTestServiceGrpc.HypothesisTestServiceFutureStub tests =
        HypothesisTestServiceGrpc.newFutureStub(analysisChannel);
    SolveProportionPowerRequest sampleSize =
        SolveProportionPowerRequest.newBuilder()
            .setBaselineRate(0.1)
            .setMinimumDetectableEffect(0.01)
            .setDesign(PowerDesign.newBuilder().setPower(0.8).setDailyEligibleUnits(5000))
            .build();
    TTestRequest summaryTTest =
        TTestRequest.newBuilder()
            .setSummaries(
                TwoSummaries.newBuilder()
                    .setControl(
                        SampleSummary.newBuilder().setCount(50_000).setMean(10).setVariance(4))
                    .setTreatment(
                        SampleSummary.newBuilder()
                            .setCount(51_000)
                            .setMean(10.05)
                            .setVariance(4.2)))
            .build();
    Supplier<ListenableFuture<?>> empty = () -> BaselineService.callEmpty(baselineChannel);
    Supplier<ListenableFuture<?>> solveSampleSize = () -> power.solveProportionPower(sampleSize);
    Supplier<ListenableFuture<?>> tTest = () -> tests.tTest(summaryTTest);

    System.out.printf(
        "in-flight=%d window=%s cores=%d%n",
        inFlight, window, Runtime.getRuntime().availableProcessors());
    Duration warmup = Duration.ofSeconds(3);
    // Two rounds; the first warms the JVM and the second is reported.
    LoadGenerator.Result base = null;
    LoadGenerator.Result size = null;
    LoadGenerator.Result summary = null;
    for (int round = 0; round < 2 || base == null || size == null || summary == null; round++) {
      base = LoadGenerator.measure("empty unary call", empty, inFlight, warmup, window);
      size =
          LoadGenerator.measure(
              "sample size (Cohen's h)", solveSampleSize, inFlight, warmup, window);
      summary = LoadGenerator.measure("t-test from summaries", tTest, inFlight, warmup, window);
    }
    System.out.println(base);
    System.out.println(size);
    System.out.println(summary);
    System.out.println(size.ratioTo(base));
    System.out.println(summary.ratioTo(base));

    HypothesisTestServiceGrpc.HypothesisTestServiceStub streaming =
        HypothesisTestServiceGrpc.newStub(analysisChannel);
    List<StreamTTestRequest> tChunks = chunks(10_000_000, 1, StreamTTestRequest::newBuilder);
    reportStreamed(
        "streamed t-test 2 x 10M",
        repetitions,
        () -> stream(tChunks, streaming::streamTTest),
        () -> timer.lastMillis("StreamTTest"));
    tChunks.clear();
    List<StreamMannWhitneyTestRequest> mwChunks =
        chunks(1_000_000, 2, StreamMannWhitneyTestRequest::newBuilder);
    reportStreamed(
        "streamed Mann-Whitney 2 x 1M",
        repetitions,
        () -> stream(mwChunks, streaming::streamMannWhitneyTest),
        () -> timer.lastMillis("StreamMannWhitneyTest"));

    analysisChannel.shutdownNow();
    baselineChannel.shutdownNow();
    analysis.stop();
    baseline.stop();
    System.exit(0);
  }

  /** Pre-built request chunks (so client-side encoding is not timed as server work). */
  @SuppressWarnings("unchecked")
  private static <
          T extends com.google.protobuf.Message, B extends com.google.protobuf.Message.Builder>
      List<T> chunks(int perGroup, long seed, Supplier<B> builder) {
    SplittableRandom random = new SplittableRandom(seed);
    List<T> messages = new ArrayList<>();
    for (int start = 0; start < perGroup; start += CHUNK) {
      int n = Math.min(CHUNK, perGroup - start);
      B b = builder.get();
      com.google.protobuf.Descriptors.Descriptor descriptor = b.getDescriptorForType();
      var control = descriptor.findFieldByName("control_values");
      var treatment = descriptor.findFieldByName("treatment_values");
      for (int i = 0; i < n; i++) {
        b.addRepeatedField(control, 10.0 + 2.0 * gaussian(random));
        b.addRepeatedField(treatment, 10.01 + 2.0 * gaussian(random));
      }
      messages.add((T) b.build());
    }
    return messages;
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(1.0 - u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** Streams every chunk with flow control and waits for the single response. */
  private static <Q, R> Object stream(
      List<Q> chunks, Function<StreamObserver<R>, StreamObserver<Q>> start) throws Exception {
    SettableFuture<R> answer = SettableFuture.create();
    StreamObserver<Q> unused =
        start.apply(
            new ClientResponseObserver<Q, R>() {
              @Override
              public void beforeStart(ClientCallStreamObserver<Q> requests) {
                Iterator<Q> next = chunks.iterator();
                boolean[] isHalfClosed = {false};
                requests.setOnReadyHandler(
                    () -> {
                      while (requests.isReady() && next.hasNext()) {
                        requests.onNext(next.next());
                      }
                      if (!next.hasNext() && !isHalfClosed[0]) {
                        isHalfClosed[0] = true;
                        requests.onCompleted();
                      }
                    });
              }

              @Override
              public void onNext(R value) {
                answer.set(value);
              }

              @Override
              public void onError(Throwable t) {
                answer.setException(t);
              }

              @Override
              public void onCompleted() {}
            });
    return Objects.requireNonNull(answer.get(), "stream answered nothing");
  }

  private interface Call {
    Object run() throws Exception;
  }

  private static void reportStreamed(
      String name, int repetitions, Call call, Supplier<Double> serverMillis) throws Exception {
    double[] server = new double[repetitions];
    double[] client = new double[repetitions];
    Object last = "none";
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      last = call.run();
      client[i] = (System.nanoTime() - start) / 1e6;
      server[i] = serverMillis.get();
    }
    Arrays.sort(server);
    Arrays.sort(client);
    System.out.printf(
        "%-30s server median %8.0f ms (min %.0f)   client wall median %8.0f ms   runs=%d%n",
        name, server[repetitions / 2], server[0], client[repetitions / 2], repetitions);
    System.out.println(
        "  last answer: "
            + last.toString()
                .replace('\n', ' ')
                .substring(0, Math.min(200, last.toString().length())));
  }
}
