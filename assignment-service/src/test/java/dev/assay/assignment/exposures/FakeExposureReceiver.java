package dev.assay.assignment.exposures;

import dev.assay.analysis.v1.Exposure;
import dev.assay.analysis.v1.ExposureServiceGrpc;
import dev.assay.analysis.v1.IngestExposuresRequest;
import dev.assay.analysis.v1.IngestExposuresResponse;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The analysis service's exposure contract, faked in-process: it keeps every batch it accepts and
 * the authorization header of every call, and can be told to refuse the next calls.
 */
final class FakeExposureReceiver extends ExposureServiceGrpc.ExposureServiceImplBase {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  final List<IngestExposuresRequest> batches = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger refusalsLeft = new AtomicInteger();
  private volatile Status refusal = Status.UNAVAILABLE;

  /** Refuses the next {@code count} calls with {@code status}. */
  void refuseNext(int count, Status status) {
    refusal = status;
    refusalsLeft.set(count);
  }

  /** Every accepted exposure, in the order received. */
  List<Exposure> exposures() {
    return batches.stream().flatMap(b -> b.getExposuresList().stream()).toList();
  }

  /** Unit ids of every accepted exposure, in order. */
  List<String> units() {
    return exposures().stream().map(Exposure::getUnitId).toList();
  }

  @Override
  public void ingestExposures(
      IngestExposuresRequest request, StreamObserver<IngestExposuresResponse> responses) {
    calls.incrementAndGet();
    if (refusalsLeft.getAndDecrement() > 0) {
      responses.onError(refusal.withDescription("refused by the test").asRuntimeException());
      return;
    }
    batches.add(request);
    responses.onNext(
        IngestExposuresResponse.newBuilder().setRecorded(request.getExposuresCount()).build());
    responses.onCompleted();
  }

  /** Captures each call's authorization header. */
  ServerInterceptor headers() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        authorizations.add(authorization == null ? "" : authorization);
        return next.startCall(call, headers);
      }
    };
  }
}
