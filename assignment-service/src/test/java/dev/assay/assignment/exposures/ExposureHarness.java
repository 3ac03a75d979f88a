package dev.assay.assignment.exposures;

import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.support.Protos;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.Experiment;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.client.PeerSettings;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An assignment replica recording exposures through the real recorder and gRPC transport into a
 * {@link FakeExposureReceiver} served in-process, on a fixed clock.
 */
final class ExposureHarness implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String TOKEN = "analysis-token-for-tests";

  final MutableClock clock = new MutableClock(NOW);
  final FakeExposureReceiver receiver = new FakeExposureReceiver();
  final Server analysis;
  final ExposureRecorder recorder;
  final AssignmentReplica replica;
  private final PeerChannel peer;

  /** Batches of {@code batchSize}, flushed every {@code flushInterval}, three attempts each. */
  ExposureHarness(int bufferSize, int batchSize, Duration flushInterval) {
    this(bufferSize, batchSize, flushInterval, 3);
  }

  ExposureHarness(int bufferSize, int batchSize, Duration flushInterval, int attempts) {
    String name = InProcessServerBuilder.generateName();
    try {
      analysis =
          InProcessServerBuilder.forName(name)
              .directExecutor()
              .addService(ServerInterceptors.intercept(receiver, receiver.headers()))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    peer = PeerChannel.of(channel, Optional.of(TOKEN));
    recorder =
        ExposureRecorder.start(
            new ExposureSettings(
                PeerSettings.plaintext("in-process"), bufferSize, batchSize, flushInterval),
            new AnalysisExposureTransport(peer),
            OpenTelemetry.noop(),
            attempts,
            Duration.ofMillis(1),
            Duration.ofSeconds(5));
    replica = new AssignmentReplica(new InMemoryAssignmentStore(), clock, recorder);
  }

  /** A harness that sends each exposure within 5 ms. */
  static ExposureHarness prompt() {
    return new ExposureHarness(100_000, 1_000, Duration.ofMillis(5));
  }

  void create(Experiment.Builder experiment) {
    replica.definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(experiment).build());
  }

  /** Creates a running 50/50 experiment. */
  void createRunning(String key) {
    create(Protos.running(key, 0.5, 0.5));
  }

  EvaluateResponse evaluate(String unitId, String... experimentKeys) {
    return replica.evaluation.evaluate(
        EvaluateRequest.newBuilder()
            .setUnitId(unitId)
            .addAllExperimentKeys(java.util.List.of(experimentKeys))
            .build());
  }

  @Override
  public void close() {
    replica.close();
    recorder.close();
    peer.close();
    analysis.shutdownNow();
  }
}
