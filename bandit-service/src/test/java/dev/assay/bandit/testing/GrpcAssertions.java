package dev.assay.bandit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Assertions on gRPC errors. */
public final class GrpcAssertions {
  private GrpcAssertions() {}

  /** Asserts the call fails with {@code code}; returns the exception. */
  public static StatusRuntimeException assertStatus(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    return e;
  }

  /** Asserts INVALID_ARGUMENT naming exactly {@code fields} in its BadRequest. */
  public static void assertInvalid(Executable call, String... fields) throws Exception {
    StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, call);
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertTrue(status != null && status.getDetailsCount() > 0, "BadRequest details expected");
    BadRequest bad = status.getDetails(0).unpack(BadRequest.class);
    assertEquals(
        List.of(fields), bad.getFieldViolationsList().stream().map(v -> v.getField()).toList());
  }
}
