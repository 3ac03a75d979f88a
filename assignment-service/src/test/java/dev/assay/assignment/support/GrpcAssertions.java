package dev.assay.assignment.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Assertions on gRPC errors. */
public final class GrpcAssertions {
  private GrpcAssertions() {}

  /** Asserts the call fails with {@code code}. */
  public static StatusRuntimeException assertStatus(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().getDescription());
    return e;
  }

  /** Asserts the call fails with INVALID_ARGUMENT whose BadRequest names exactly {@code fields}. */
  public static void assertInvalidFields(List<String> fields, Executable call) {
    StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, call);
    try {
      BadRequest badRequest = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
      assertEquals(
          fields,
          badRequest.getFieldViolationsList().stream()
              .map(BadRequest.FieldViolation::getField)
              .toList(),
          e.getStatus().getDescription());
    } catch (InvalidProtocolBufferException ex) {
      throw new AssertionError(ex);
    }
  }
}
