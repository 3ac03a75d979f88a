package dev.assay.assignment.exposures;

import com.google.protobuf.util.Timestamps;
import dev.assay.analysis.v1.ExposureServiceGrpc;
import dev.assay.analysis.v1.IngestExposuresRequest;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.errors.BoundedText;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends exposures to the analysis service's public {@code ExposureService.IngestExposures}, with
 * the peer's token and a deadline on each call.
 */
public final class AnalysisExposureTransport implements ExposureTransport {
  private final ExposureServiceGrpc.ExposureServiceBlockingStub stub;

  /** Sends over {@code peer}'s channel (the caller closes it after this transport's last use). */
  public AnalysisExposureTransport(PeerChannel peer) {
    ExposureServiceGrpc.ExposureServiceBlockingStub plain =
        ExposureServiceGrpc.newBlockingStub(peer.channel());
    CallCredentials credentials = peer.credentials();
    this.stub = credentials == null ? plain : plain.withCallCredentials(credentials);
  }

  @Override
  public void send(List<Exposure> batch, Duration timeout) throws ExposureSendException {
    IngestExposuresRequest.Builder request = IngestExposuresRequest.newBuilder();
    for (Exposure e : batch) {
      request
          .addExposuresBuilder()
          .setExperimentKey(e.experimentKey())
          .setVariationIndex(e.variationIndex())
          .setVariationKey(e.variationKey())
          .setUnitId(e.unitId())
          .setTime(Timestamps.fromMillis(e.timeMillis()))
          .setOverridden(e.overridden())
          .addAllVariationWeights(e.variationWeights());
    }
    try {
      stub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
          .ingestExposures(request.build());
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      throw new ExposureSendException(
          status.getCode() + " " + BoundedText.truncate(String.valueOf(status.getDescription())),
          isRetryable(status.getCode()));
    }
  }

  /**
   * Whether the same batch may succeed later. A refusal (bad token, missing scope, an invalid
   * batch) will not, so retrying it would only hold up the batches behind it.
   */
  static boolean isRetryable(Status.Code code) {
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNKNOWN -> true;
      default -> false;
    };
  }
}
