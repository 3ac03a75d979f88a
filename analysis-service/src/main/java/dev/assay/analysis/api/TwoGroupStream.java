package dev.assay.analysis.api;

import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.runtime.errors.ValidationException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The shared protocol of client-streamed two-group tests: every chunk may carry options (the first
 * that does wins) and values of either group, checked as they arrive and named by their position in
 * the whole stream ({@code treatment_values[2500000]}); the answer comes once the client
 * half-closes. The first bad chunk (or any failure) ends the call with its mapped status, and every
 * later chunk is ignored.
 *
 * @param <Q> the chunk message
 * @param <O> the options message
 * @param <G> how a group keeps its values
 * @param <R> the response message
 */
abstract class TwoGroupStream<Q, O, G extends TwoGroupStream.Group, R>
    implements StreamObserver<Q> {
  /** What the stream reads from one chunk message. */
  record Chunk<O>(@Nullable O options, List<Double> controlValues, List<Double> treatmentValues) {}

  /** One group's values, checked as they arrive and kept in whatever form the test needs. */
  abstract static class Group {
    private final String field;
    private final long maxValues;

    /** A group named {@code field} in error messages, holding at most {@code maxValues}. */
    Group(String field, long maxValues) {
      this.field = field;
      this.maxValues = maxValues;
    }

    /** How many values were added. */
    abstract long size();

    /** Keeps one finite value. */
    abstract void add(double value);

    final void addAll(List<Double> values) {
      if (size() + values.size() > maxValues) {
        throw ValidationException.of(field, "at most " + maxValues + " values per group");
      }
      for (double value : values) {
        if (!Double.isFinite(value)) {
          throw ValidationException.of(
              field + "[" + size() + "]", "must be a finite number, got " + value);
        }
        add(value);
      }
    }
  }

  private final StreamObserver<R> responses;
  private final O defaultOptions;
  private final G control;
  private final G treatment;
  private @Nullable O options;
  private boolean isFailed;

  /**
   * Answers on {@code responses}; {@code defaultOptions} apply until a chunk carries options, and
   * {@code newGroup} makes each group from the name of its field.
   */
  TwoGroupStream(StreamObserver<R> responses, O defaultOptions, Function<String, G> newGroup) {
    this.responses = responses;
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
    if (isFailed) {
      return;
    }
    try {
      Chunk<O> chunk = read(message);
      if (options == null) {
        options = chunk.options();
      }
      control.addAll(chunk.controlValues());
      treatment.addAll(chunk.treatmentValues());
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
      responses.onNext(finish(options == null ? defaultOptions : options, control, treatment));
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
