package dev.assay.analysis.api;

import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.runtime.errors.ValidationException;
import io.grpc.stub.StreamObserver;

/**
 * The shared protocol of client-streamed two-group tests: take chunks until the client half-closes,
 * then answer once; the first bad chunk (or any failure) ends the call with its mapped status and
 * every later chunk is ignored.
 *
 * @param <Q> the chunk message
 * @param <R> the response message
 */
abstract class TwoGroupStream<Q, R> implements StreamObserver<Q> {
  private final StreamObserver<R> responses;
  private boolean isFailed;

  TwoGroupStream(StreamObserver<R> responses) {
    this.responses = responses;
  }

  /** Adds one chunk's values; throws ValidationException naming the first bad value. */
  abstract void accept(Q chunk);

  /** The answer once every chunk has arrived; throws ValidationException for unusable input. */
  abstract R finish();

  /** Rejects a value that is NaN or infinite, naming it by its index in its group. */
  static double finite(double value, String field, long index) {
    if (!Double.isFinite(value)) {
      throw ValidationException.of(
          field + "[" + index + "]", "must be a finite number, got " + value);
    }
    return value;
  }

  @Override
  public final void onNext(Q chunk) {
    if (isFailed) {
      return;
    }
    try {
      accept(chunk);
    } catch (ValidationException e) {
      fail(e);
    }
  }

  @Override
  public final void onError(Throwable t) {
    isFailed = true;
  }

  @Override
  public final void onCompleted() {
    if (isFailed) {
      return;
    }
    try {
      responses.onNext(finish());
      responses.onCompleted();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(RuntimeException e) {
    isFailed = true;
    responses.onError(GrpcErrors.toStatusException(e));
  }
}
