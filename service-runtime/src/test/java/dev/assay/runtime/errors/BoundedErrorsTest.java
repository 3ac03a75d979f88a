package dev.assay.runtime.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.assay.runtime.testing.GrpcAssertions;
import dev.assay.runtime.testing.InProcessGrpc;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a status tells the caller stays small and free of internal detail. */
class BoundedErrorsTest {
  private static final MethodDescriptor<Empty, Empty> FAIL =
      MethodDescriptor.<Empty, Empty>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Fail/Fail")
          .setRequestMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
          .build();

  @Test
  void truncationKeepsThePrefixAndSaysHowLongTheOriginalWas() {
    assertEquals("short", BoundedText.truncate("short"));
    assertEquals(
        "x".repeat(200) + "… (40000 characters)", BoundedText.truncate("x".repeat(40_000)));
    // Never half a surrogate pair.
    String emoji = "a".repeat(199) + "😀" + "b".repeat(10);
    assertEquals("a".repeat(199) + "… (211 characters)", BoundedText.truncate(emoji));
  }

  @Test
  void aFortyThousandCharacterUpdateMaskPathGivesASmallTrailer() {
    String path = "a".repeat(40_000);
    StatusRuntimeException error =
        callFailing(
            () ->
                ValidationException.of(
                    "update_mask.paths[0]", "unknown field '" + path + "' (allowed: name)"));

    assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode());
    assertTrue(
        GrpcAssertions.trailerBytes(error) < 2_000,
        "trailer of " + GrpcAssertions.trailerBytes(error) + " bytes");
    BadRequest.FieldViolation violation = unpack(error).getFieldViolations(0);
    assertEquals("update_mask.paths[0]", violation.getField());
    assertTrue(
        violation.getDescription().endsWith("… (40032 characters)"), violation.getDescription());
  }

  @Test
  void thousandsOfLongNonAsciiViolationsStayFarUnderEightKilobytes() {
    List<FieldViolation> violations = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      violations.add(new FieldViolation("units[" + i + "]." + "ü".repeat(500), "€".repeat(500)));
    }
    StatusRuntimeException error = callFailing(() -> new ValidationException(violations));

    assertTrue(
        GrpcAssertions.trailerBytes(error) < 5_000,
        "trailer of " + GrpcAssertions.trailerBytes(error) + " bytes");
    String message = String.valueOf(error.getStatus().getDescription());
    assertTrue(message.endsWith("more not listed)"), message);
    assertTrue(unpack(error).getFieldViolationsCount() >= 1, "the first violation is listed");
  }

  @Test
  void unavailableCarriesAnErrorIdAndNoDependencyText() {
    StatusRuntimeException error =
        callFailing(
            () ->
                new UnavailableException(
                    "redis unavailable: ERR Error running script (call to"
                        + " f_8d3a0c2e9b1f4a6d7e5c3b2a1f0e9d8c7b6a5f4e): @user_script:12: value"
                        + " is NaN",
                    new IllegalStateException("connection reset by 10.0.0.7:6379")));

    assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode());
    String description = String.valueOf(error.getStatus().getDescription());
    assertTrue(
        description.matches("temporarily unavailable, safe to retry \\(error id [0-9a-f-]{36}\\)"),
        description);
  }

  @Test
  void internalCarriesAnErrorIdOnly() {
    StatusRuntimeException error =
        callFailing(() -> new NegativeArraySizeException("-2147483648 at BoundaryGrid.java:42"));

    assertEquals(Status.Code.INTERNAL, error.getStatus().getCode());
    String description = String.valueOf(error.getStatus().getDescription());
    assertTrue(description.matches("internal error \\(error id [0-9a-f-]{36}\\)"), description);
  }

  @Test
  void aStackOverflowInAHandlerIsInternalNotUnknown() {
    StatusRuntimeException error =
        callFailing(
            () -> {
              throw new StackOverflowError();
            });

    assertEquals(Status.Code.INTERNAL, error.getStatus().getCode());
  }

  @Test
  void otherMessagesAreBoundedToo() {
    StatusRuntimeException error =
        callFailing(() -> new NotFoundException("experiment " + "k".repeat(10_000) + " not found"));

    assertEquals(Status.Code.NOT_FOUND, error.getStatus().getCode());
    assertFalse(GrpcAssertions.trailerBytes(error) > 300, error.getStatus().getDescription());
  }

  /** Serves one method that throws what {@code failure} gives, calls it, returns the error. */
  private static StatusRuntimeException callFailing(Supplier<RuntimeException> failure) {
    BindableService failing =
        () ->
            ServerServiceDefinition.builder("test.Fail")
                .addMethod(
                    FAIL,
                    ServerCalls.asyncUnaryCall(
                        (Empty request, StreamObserver<Empty> response) -> {
                          throw failure.get();
                        }))
                .build();
    try (InProcessGrpc grpc = InProcessGrpc.start("test", failing)) {
      return assertThrows(
          StatusRuntimeException.class,
          () ->
              ClientCalls.blockingUnaryCall(
                  grpc.channel(), FAIL, CallOptions.DEFAULT, Empty.getDefaultInstance()));
    }
  }

  private static BadRequest unpack(StatusRuntimeException error) {
    GrpcAssertions.invalidFields(error);
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(BadRequest.class);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
