package dev.assay.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.BadRequest;
import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
  @Test
  void validationErrorsBecomeInvalidArgumentNamingEveryField() throws Exception {
    ValidationException invalid =
        assertThrows(
            ValidationException.class,
            () ->
                new Violations()
                    .check(true, "experiment.key", "must not be empty")
                    .check(false, "experiment.name", "never reported")
                    .check(true, "experiment.coverage", "must be in [0, 1], got 1.5")
                    .throwIfAny());

    StatusRuntimeException mapped = GrpcErrors.toStatusException(invalid);

    assertEquals(Status.Code.INVALID_ARGUMENT, mapped.getStatus().getCode());
    com.google.rpc.Status details = StatusProto.fromThrowable(mapped);
    BadRequest badRequest = details.getDetails(0).unpack(BadRequest.class);
    assertEquals(2, badRequest.getFieldViolationsCount());
    assertEquals("experiment.key", badRequest.getFieldViolations(0).getField());
    assertEquals("experiment.coverage", badRequest.getFieldViolations(1).getField());
    assertEquals("must be in [0, 1], got 1.5", badRequest.getFieldViolations(1).getDescription());
  }

  @Test
  void domainExceptionsMapToCanonicalCodes() {
    assertEquals(
        Status.Code.NOT_FOUND,
        GrpcErrors.toStatusException(new NotFoundException("experiment x")).getStatus().getCode());
    assertEquals(
        Status.Code.UNAVAILABLE,
        GrpcErrors.toStatusException(new UnavailableException("redis down")).getStatus().getCode());
    Status internal =
        GrpcErrors.toStatusException(new IllegalStateException("secret detail")).getStatus();
    assertEquals(Status.Code.INTERNAL, internal.getCode());
    assertTrue(
        String.valueOf(internal.getDescription())
            .matches("internal error \\(error id [0-9a-f-]{36}\\)"),
        internal.getDescription());
  }

  @Test
  void violationsWithNothingRecordedDoNotThrow() {
    Violations none = new Violations().check(false, "a", "b");
    none.throwIfAny();
    assertEquals(true, none.isEmpty());
  }
}
