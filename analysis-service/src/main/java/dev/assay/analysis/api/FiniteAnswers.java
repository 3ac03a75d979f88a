package dev.assay.analysis.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.assay.runtime.errors.FieldViolation;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.log.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.math3.exception.util.ExceptionContextProvider;

/**
 * The one guard every analysis RPC answers through: no answer carries NaN or an infinity, and a
 * computation that cannot reach a finite result is the caller's error, not the server's.
 *
 * <p>The request checks keep every input in a documented range, but a few combinations of valid
 * inputs still leave double precision (a likelihood ratio of exp(10^6), a variance of a ratio with
 * a tiny denominator). Those are answered with {@code INVALID_ARGUMENT} on {@code input} saying the
 * inputs are too extreme, never with {@code INTERNAL}, and never with a partial result.
 */
final class FiniteAnswers {
  /** The field the violation names: the request's input as a whole. */
  static final String FIELD = "input";

  /** The most field violations one answer lists. */
  static final int MAX_VIOLATIONS = 20;

  private FiniteAnswers() {}

  /**
   * Runs {@code rpc} for {@code method} and returns its answer once every number in it is finite; a
   * numerical failure of the statistics (no root bracketed, no convergence, an arithmetic failure)
   * becomes a {@link ValidationException} too.
   */
  static <R extends Message> R answer(String method, Supplier<R> rpc) {
    R answer;
    try {
      answer = rpc.get();
    } catch (ValidationException e) {
      throw bounded(e);
    } catch (ArithmeticException e) {
      throw tooExtreme(method, e);
    } catch (RuntimeException e) {
      if (e instanceof ExceptionContextProvider) {
        // commons-math: a solver or series that cannot work with these magnitudes.
        throw tooExtreme(method, e);
      }
      throw e;
    }
    Optional<String> bad = firstNonFinite(answer, "");
    if (bad.isPresent()) {
      EventLog.warn("analysis.non_finite_answer", "method", method, "field", bad.get());
      throw ValidationException.of(
          FIELD,
          "the inputs are too extreme for a finite result ("
              + bad.get()
              + " would not be a finite number); rescale the data or use less extreme settings");
    }
    return answer;
  }

  /**
   * {@code invalid} with at most {@link #MAX_VIOLATIONS} violations: a request with a hundred
   * thousand bad elements gets the first ones and a count of the rest, not a trailer of megabytes.
   */
  static ValidationException bounded(ValidationException invalid) {
    List<FieldViolation> all = invalid.violations();
    if (all.size() <= MAX_VIOLATIONS) {
      return invalid;
    }
    List<FieldViolation> first = new ArrayList<>(all.subList(0, MAX_VIOLATIONS));
    FieldViolation next = all.get(MAX_VIOLATIONS);
    first.add(
        new FieldViolation(
            next.field(),
            (all.size() - MAX_VIOLATIONS) + " more violations, from this field on, not listed"));
    return new ValidationException(first);
  }

  private static ValidationException tooExtreme(String method, RuntimeException cause) {
    EventLog.warn("analysis.numeric_failure", "method", method, "exception", cause.toString());
    return ValidationException.of(
        FIELD,
        "the inputs are too extreme for the computation to reach a finite result; rescale the"
            + " data or use less extreme settings");
  }

  /**
   * The path of the first double or float field of {@code message} (at any depth, in repeated
   * fields too) that is NaN or infinite.
   */
  static Optional<String> firstNonFinite(Message message, String prefix) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      String path = prefix + field.getName();
      if (field.isRepeated()) {
        List<?> values = (List<?>) entry.getValue();
        for (int i = 0; i < values.size(); i++) {
          Optional<String> bad = nonFinite(field, values.get(i), path + "[" + i + "]");
          if (bad.isPresent()) {
            return bad;
          }
        }
      } else {
        Optional<String> bad = nonFinite(field, entry.getValue(), path);
        if (bad.isPresent()) {
          return bad;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> nonFinite(FieldDescriptor field, Object value, String path) {
    return switch (field.getJavaType()) {
      case DOUBLE -> Double.isFinite((Double) value) ? Optional.empty() : Optional.of(path);
      case FLOAT -> Float.isFinite((Float) value) ? Optional.empty() : Optional.of(path);
      case MESSAGE -> firstNonFinite((Message) value, path + ".");
      default -> Optional.empty();
    };
  }
}
