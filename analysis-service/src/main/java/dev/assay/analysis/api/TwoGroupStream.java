package dev.assay.analysis.api;

import com.google.protobuf.Message;
import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.runtime.errors.ValidationException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The shared protocol of client-streamed two-group tests: every chunk may carry options (the first
 * that does wins) and values of either group, checked as they arrive and named by their position in
 * the whole stream ({@code treatment_values[2500000]}); the answer comes once the client
 * half-closes, through {@link FiniteAnswers}. A stream sends at most a fixed number of values (both
 * groups together); beyond it the call ends with {@code RESOURCE_EXHAUSTED}. The first bad chunk
 * (or any failure) ends the call with its mapped status, and every later chunk is ignored. Whatever
 * the groups hold is released when the call completes, fails or is cancelled.
 *
 * @param <Q> the chunk message
 * @param <O> the options message
 * @param <G> how a group keeps its values
 * @param <R> the response message
 */
abstract class TwoGroupStream<Q, O, G extends TwoGroupStream.Group, R extends Message>
    implements StreamObserver<Q> {
  /** What the stream reads from one chunk message. */
  record Chunk<O>(@Nullable O options, List<Double> controlValues, List<Double> treatmentValues) {}

  /** One group's values, checked as they arrive and kept in whatever form the test needs. */
  abstract static class Group {
    private final String field;

    /** A group named {@code field} in error messages. */
    Group(String field) {
      this.field = field;
    }

    /** How many values were added. */
    abstract long size();

    /** Keeps one finite value. */
    abstract void add(double value);

    /** Lets go of whatever the group holds; called once the stream is over. */
    void release() {}

    final void addAll(List<Double> values) {
      for (double value : values) {
        if (!FieldChecks.isMeasurement(value)) {
          throw ValidationException.of(
              field + "[" + size() + "]",
              "must be finite with magnitude at most 1e100, got " + value);
        }
        add(value);
      }
    }
  }

  private final StreamObserver<R> responses;
  private final String method;
  private final long maxValues;
  private final O defaultOptions;
  private final G control;
  private final G treatment;
  private @Nullable O options;
  private boolean isOver;

  /**
   * Answers {@code method} on {@code responses}, taking at most {@code maxValues} values; {@code
   * defaultOptions} apply until a chunk carries options, and {@code newGroup} makes each group from
   * the name of its field.
   */
  TwoGroupStream(
      StreamObserver<R> responses,
      String method,
      long maxValues,
      O defaultOptions,
      Function<String, G> newGroup) {
    this.responses = responses;
    this.method = method;
    this.maxValues = maxValues;
    this.defaultOptions = defaultOptions;
    this.control = newGroup.apply("control_values");
    this.treatment = newGroup.apply("treatment_values");
  }

  /** The options (null when the chunk carries none) and values of a chunk. */
  abstract Chunk<O> read(Q chunk);

  /**
   * The answer once every chunk has arrived, with the first options sent (or the defaults); throws
   * ValidationException for unusable input.
   */
  abstract R finish(O options, G control, G treatment);

  @Override
  public final void onNext(Q message) {
    if (isOver) {
      return;
    }
    try {
      Chunk<O> chunk = read(message);
      if (options == null) {
        options = chunk.options();
      }
      long total =
          control.size()
              + treatment.size()
              + chunk.controlValues().size()
              + chunk.treatmentValues().size();
      if (total > maxValues) {
        throw Status.RESOURCE_EXHAUSTED
            .withDescription(
                method
                    + " takes at most "
                    + maxValues
                    + " values per stream (both groups together) on this server; send fewer"
                    + " values")
            .asRuntimeException();
      }
      control.addAll(chunk.controlValues());
      treatment.addAll(chunk.treatmentValues());
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public final void onError(Throwable t) {
    // The client cancelled, or the call failed: nothing to answer, only memory to return.
    end();
  }

  @Override
  public final void onCompleted() {
    if (isOver) {
      return;
    }
    try {
      O chosen = options == null ? defaultOptions : options;
      R answer = FiniteAnswers.answer(method, () -> finish(chosen, control, treatment));
      end();
      responses.onNext(answer);
      responses.onCompleted();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(RuntimeException e) {
    end();
    responses.onError(GrpcErrors.toStatusException(e));
  }

  private void end() {
    isOver = true;
    control.release();
    treatment.release();
  }
}
