package dev.assay.runtime.errors;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.assay.runtime.log.EventLog;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Maps exceptions thrown by domain code to canonical gRPC statuses, and is the one place that keeps
 * what a status tells the caller safe: everything echoed is cut to {@link
 * BoundedText#MAX_ECHOED_CHARS} characters and the whole trailer stays a few kilobytes; {@code
 * INTERNAL} and {@code UNAVAILABLE} carry an error id only, their detail goes to the log.
 */
public final class GrpcErrors {
  /**
   * Largest serialized {@code BadRequest} sent: the first violation always, then as many more as
   * fit. With a status message of at most ~250 characters, the whole trailer stays under 5 KB even
   * when every character takes three bytes (and nine once percent-encoded in {@code grpc-message}).
   */
  static final int MAX_BAD_REQUEST_BYTES = 1536;

  private GrpcErrors() {}

  /**
   * The status exception for {@code error}; unknown exceptions become {@code INTERNAL} with an
   * error id, logged under that id with the stack trace.
   */
  public static StatusRuntimeException toStatusException(Throwable error) {
    if (error instanceof StatusRuntimeException sre) {
      return bounded(sre);
    }
    if (error instanceof ValidationException invalid) {
      return invalidArgument(invalid.getMessage(), invalid.violations());
    }
    if (error instanceof MalformedRequestException malformed) {
      String message = String.valueOf(malformed.getMessage());
      return invalidArgument(message, List.of(new FieldViolation("", message)));
    }
    if (error instanceof UnavailableException) {
      return unavailable(error);
    }
    Status status;
    if (error instanceof NotFoundException) {
      status = Status.NOT_FOUND;
    } else if (error instanceof AlreadyExistsException) {
      status = Status.ALREADY_EXISTS;
    } else if (error instanceof FailedPreconditionException) {
      status = Status.FAILED_PRECONDITION;
    } else if (error instanceof PermissionDeniedException) {
      status = Status.PERMISSION_DENIED;
    } else if (error instanceof AbortedException) {
      status = Status.ABORTED;
    } else {
      return internal(error);
    }
    return status.withDescription(echo(error.getMessage())).asRuntimeException();
  }

  /**
   * For a failure no caller can be told of any more (the call is over): logged as {@link
   * #toStatusException} would log it, under an error id when it is a bug.
   */
  static void logUnanswered(Throwable error) {
    StatusRuntimeException unused = toStatusException(error);
  }

  /** A bug: the caller gets only an id to quote; the text and stack stay in the log. */
  private static StatusRuntimeException internal(Throwable error) {
    String errorId = UUID.randomUUID().toString();
    StringWriter stack = new StringWriter();
    error.printStackTrace(new PrintWriter(stack));
    EventLog.error(
        "rpc.internal_error", "error_id", errorId, "exception", error.toString(), "stack", stack);
    return Status.INTERNAL
        .withDescription("internal error (error id " + errorId + ")")
        .withCause(error)
        .asRuntimeException();
  }

  /**
   * A dependency is down: the caller learns that retrying is safe and an id to quote, never the
   * dependency's own text (Redis errors name Lua script hashes and line numbers).
   */
  private static StatusRuntimeException unavailable(Throwable error) {
    String errorId = UUID.randomUUID().toString();
    Throwable cause = error.getCause();
    EventLog.warn(
        "rpc.unavailable",
        "error_id",
        errorId,
        "detail",
        BoundedText.truncate(String.valueOf(error.getMessage()), 1000),
        "cause",
        cause == null ? "" : BoundedText.truncate(cause.toString(), 1000));
    return Status.UNAVAILABLE
        .withDescription("temporarily unavailable, safe to retry (error id " + errorId + ")")
        .asRuntimeException();
  }

  /** A status thrown as is keeps its code and trailers; only its description is bounded. */
  private static StatusRuntimeException bounded(StatusRuntimeException sre) {
    String description = sre.getStatus().getDescription();
    if (description == null || description.length() <= BoundedText.MAX_ECHOED_CHARS) {
      return sre;
    }
    return sre.getStatus().withDescription(echo(description)).asRuntimeException(sre.getTrailers());
  }

  private static StatusRuntimeException invalidArgument(
      @Nullable String message, List<FieldViolation> violations) {
    BadRequest.Builder badRequest = BadRequest.newBuilder();
    int bytes = 0;
    int omitted = 0;
    for (FieldViolation v : violations) {
      if (bytes >= MAX_BAD_REQUEST_BYTES) {
        omitted++;
        continue;
      }
      BadRequest.FieldViolation bounded =
          BadRequest.FieldViolation.newBuilder()
              .setField(BoundedText.truncate(v.field()))
              .setDescription(BoundedText.truncate(v.description()))
              .build();
      // Its tag and length take at most 3 bytes: a bounded violation is under 16 KB.
      int size = bounded.getSerializedSize() + 3;
      if (bytes == 0 || bytes + size <= MAX_BAD_REQUEST_BYTES) {
        badRequest.addFieldViolations(bounded);
        bytes += size;
      } else {
        omitted++;
        bytes = MAX_BAD_REQUEST_BYTES;
      }
    }
    String text = echo(message);
    if (omitted > 0) {
      text += " (" + omitted + " more not listed)";
    }
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage(text)
            .addDetails(Any.pack(badRequest.build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }

  private static String echo(@Nullable String text) {
    return BoundedText.truncate(text == null ? "" : text);
  }
}
