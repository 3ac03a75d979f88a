package dev.assay.benchmarks.assignment;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.analysis.v1.ExposureServiceGrpc;
import dev.assay.analysis.v1.IngestExposuresRequest;
import dev.assay.analysis.v1.IngestExposuresResponse;
import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.exposures.AnalysisExposureTransport;
import dev.assay.assignment.exposures.ExposureRecorder;
import dev.assay.assignment.exposures.ExposureSettings;
import dev.assay.assignment.exposures.ExposureStats;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.replica.ReplicaSync;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.benchmarks.LoadGenerator;
import dev.assay.benchmarks.LoopbackServer;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.audit.InMemoryAuditLog;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.client.PeerSettings;
import dev.assay.runtime.server.GrpcServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code Evaluate} with exposure recording on against the same with it off, in one run: two
 * assignment servers over the same in-memory definitions in this JVM, the first sending exposures
 * to a loopback fake of the analysis service's {@code ExposureService} (a real gRPC server that
 * accepts and counts batches), both reached over loopback TCP and measured in alternating rounds.
 * Usage: {@code [seconds] [in-flight] [units] [rounds]}: units cycle through {@code units} distinct
 * ids, so the first pass records a new exposure per running experiment and later passes are
 * repeats.
 */
public final class AssignmentExposureBenchmark {
  private AssignmentExposureBenchmark() {}

  /** Accepts every batch and counts its exposures, as a fast analysis service would. */
  private static final class CountingReceiver extends ExposureServiceGrpc.ExposureServiceImplBase {
    final AtomicLong exposures = new AtomicLong();

    @Override
    public void ingestExposures(
        IngestExposuresRequest request, StreamObserver<IngestExposuresResponse> responses) {
      exposures.addAndGet(request.getExposuresCount());
      responses.onNext(
          IngestExposuresResponse.newBuilder().setRecorded(request.getExposuresCount()).build());
      responses.onCompleted();
    }
  }

  public static void main(String[] args) throws Exception {
    Duration window = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    long units = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;

    InMemoryAssignmentStore store = new InMemoryAssignmentStore();
    ReplicaState state = new ReplicaState();
    ReplicaSync sync = new ReplicaSync(store, state);
    sync.start();
    List<String> keys = AssignmentFixture.populate(store, state);

    CountingReceiver receiver = new CountingReceiver();
    GrpcServer analysis = LoopbackServer.start("analysis", List.of(receiver));
    PeerChannel peer = PeerChannel.open(PeerSettings.plaintext("127.0.0.1:" + analysis.port()));
    ExposureRecorder recorder =
        ExposureRecorder.start(
            new ExposureSettings(
                PeerSettings.plaintext("127.0.0.1:" + analysis.port()),
                ExposureSettings.DEFAULT_BUFFER_SIZE,
                ExposureSettings.DEFAULT_BATCH_SIZE,
                ExposureSettings.DEFAULT_FLUSH_INTERVAL),
            new AnalysisExposureTransport(peer),
            OpenTelemetry.noop());
    Clock clock = Clock.systemUTC();
    GrpcServer recording =
        LoopbackServer.start(
            "assignment",
            AssignmentDomain.wire(
                    store,
                    state,
                    clock,
                    new AuditTrail(new InMemoryAuditLog(), "assignment", clock),
                    recorder)
                .services());
    GrpcServer silent =
        LoopbackServer.start("assignment", AssignmentDomain.wire(store, state, clock).services());
    ManagedChannel recordingChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", recording.port()).usePlaintext().build();
    ManagedChannel silentChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", silent.port()).usePlaintext().build();

    Struct attributes =
        Struct.newBuilder()
            .putFields("country", Value.newBuilder().setStringValue("FR").build())
            .build();
    System.out.printf(
        "experiments=%d evaluated per call=%d (running, 80%% coverage) units=%d in-flight=%d window=%s%n",
        state.get().experiments().size(), keys.size(), units, inFlight, window);
    LoadGenerator.runRounds(
        rounds,
        Duration.ofSeconds(3),
        window,
        inFlight,
        new LoadGenerator.Target(
            "evaluate, exposures off", evaluate(silentChannel, keys, attributes, units)),
        new LoadGenerator.Target(
            "evaluate, exposures on", evaluate(recordingChannel, keys, attributes, units)));

    recordingChannel.shutdownNow();
    silentChannel.shutdownNow();
    recording.stop();
    silent.stop();
    recorder.close();
    ExposureStats stats = recorder.stats();
    System.out.printf(
        "exposures: recorded %d, sent %d, received %d, dropped %d (buffer full %d, send failed %d,"
            + " shutdown %d)%n",
        stats.recorded(),
        stats.sent(),
        receiver.exposures.get(),
        stats.dropped(),
        stats.droppedBufferFull(),
        stats.droppedSendFailed(),
        stats.droppedShutdown());
    peer.close();
    analysis.stop();
    sync.close();
    System.exit(0);
  }

  private static Supplier<ListenableFuture<?>> evaluate(
      ManagedChannel channel, List<String> keys, Struct attributes, long units) {
    EvaluationServiceGrpc.EvaluationServiceFutureStub stub =
        EvaluationServiceGrpc.newFutureStub(channel);
    AtomicLong unit = new AtomicLong();
    return () ->
        stub.evaluate(
            EvaluateRequest.newBuilder()
                .setUnitId("user-" + (unit.incrementAndGet() % units))
                .setAttributes(attributes)
                .addAllExperimentKeys(keys)
                .build());
  }
}
