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
import java.util.UUID;

/** Maps exceptions thrown by domain code to canonical gRPC statuses. */
public final class GrpcErrors {
  private GrpcErrors() {}

  /**
   * The status exception for {@code error}; unknown exceptions become {@code INTERNAL} with an
   * error id, logged under that id with the stack trace.
   */
  public static StatusRuntimeException toStatusException(Throwable error) {
    if (error instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (error instanceof ValidationException invalid) {
      return invalidArgument(invalid);
    }
    Status status;
    if (error instanceof NotFoundException) {
      status = Status.NOT_FOUND;
    } else if (error instanceof AlreadyExistsException) {
      status = Status.ALREADY_EXISTS;
    } else if (error instanceof FailedPreconditionException) {
      status = Status.FAILED_PRECONDITION;
    } else if (error instanceof UnavailableException) {
      status = Status.UNAVAILABLE;
    } else if (error instanceof AbortedException) {
      status = Status.ABORTED;
    } else {
      // The caller gets only an id to quote; the exception's text and stack stay in the log.
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
    return status.withDescription(error.getMessage()).asRuntimeException();
  }

  private static StatusRuntimeException invalidArgument(ValidationException invalid) {
    BadRequest.Builder badRequest = BadRequest.newBuilder();
    for (FieldViolation v : invalid.violations()) {
      badRequest.addFieldViolationsBuilder().setField(v.field()).setDescription(v.description());
    }
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage(invalid.getMessage())
            .addDetails(Any.pack(badRequest.build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
