package dev.assay.console.bridge;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed gRPC call into the HTTP status and JSON error the UI shows: canonical codes map as
 * in Google's HTTP/gRPC mapping (google/rpc/code.proto), and a {@code google.rpc.BadRequest}'s
 * field violations travel along so the UI can name the field.
 */
public final class GrpcErrorMapping {
  private static final int MAX_MESSAGE_CHARS = 1_000;

  private GrpcErrorMapping() {}

  /** The error to answer with. */
  public static BridgeException toBridgeException(StatusRuntimeException failure) {
    Status status = failure.getStatus();
    String message = status.getDescription() == null ? "" : status.getDescription();
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      message = "service unavailable: " + message;
    }
    return new BridgeException(
        httpStatus(status.getCode()), status.getCode().name(), message, violations(failure));
  }

  /** The HTTP status for a gRPC code. */
  public static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case CANCELLED -> 499;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
    };
  }

  private static List<BridgeException.FieldViolation> violations(StatusRuntimeException failure) {
    com.google.rpc.Status details = StatusProto.fromThrowable(failure);
    List<BridgeException.FieldViolation> violations = new ArrayList<>();
    if (details == null) {
      return violations;
    }
    for (Any detail : details.getDetailsList()) {
      if (!detail.is(BadRequest.class)) {
        continue;
      }
      try {
        for (BadRequest.FieldViolation v :
            detail.unpack(BadRequest.class).getFieldViolationsList()) {
          violations.add(new BridgeException.FieldViolation(v.getField(), v.getDescription()));
        }
      } catch (InvalidProtocolBufferException e) {
        // A detail that claims to be a BadRequest but is not one: the message alone still explains.
        violations.add(new BridgeException.FieldViolation("", "unreadable field details"));
      }
    }
    return violations;
  }
}
