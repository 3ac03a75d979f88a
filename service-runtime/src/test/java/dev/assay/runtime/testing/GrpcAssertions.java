package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Assertions on gRPC errors and their {@code google.rpc.BadRequest} details. */
public final class GrpcAssertions {
  private GrpcAssertions() {}

  /** Asserts the call fails with {@code code}; returns the error for further checks. */
  public static StatusRuntimeException assertStatus(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    return e;
  }

  /** Asserts INVALID_ARGUMENT whose BadRequest names exactly {@code fields}, in order. */
  public static void assertInvalidFields(List<String> fields, Executable call) {
    assertEquals(fields, invalidFields(assertStatus(Status.Code.INVALID_ARGUMENT, call)));
  }

  /** Asserts INVALID_ARGUMENT whose BadRequest names exactly {@code fields}, in order. */
  public static void assertInvalid(Executable call, String... fields) {
    assertInvalidFields(List.of(fields), call);
  }

  /** Asserts the call fails with INVALID_ARGUMENT and returns the fields its BadRequest names. */
  public static List<String> invalidFields(Executable call) {
    return invalidFields(assertStatus(Status.Code.INVALID_ARGUMENT, call));
  }

  /** The fields an INVALID_ARGUMENT error names (asserting that it is one). */
  public static List<String> invalidFields(Throwable error) {
    assertEquals(
        Status.Code.INVALID_ARGUMENT, Status.fromThrowable(error).getCode(), error.toString());
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    if (status == null) {
      throw new AssertionError("INVALID_ARGUMENT without details: " + error);
    }
    List<String> fields = new ArrayList<>();
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          detail
              .unpack(BadRequest.class)
              .getFieldViolationsList()
              .forEach(v -> fields.add(v.getField()));
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
    }
    if (fields.isEmpty()) {
      throw new AssertionError("INVALID_ARGUMENT without a BadRequest field violation: " + error);
    }
    return fields;
  }

  /**
   * The trailer's size on the wire: {@code grpc-message} percent-encoded (every byte outside
   * printable ASCII takes three characters) and every binary trailer base64-encoded.
   */
  public static int trailerBytes(StatusRuntimeException error) {
    int size = 0;
    byte[] message =
        String.valueOf(error.getStatus().getDescription()).getBytes(StandardCharsets.UTF_8);
    for (byte b : message) {
      size += b >= 0x20 && b < 0x7f && b != '%' ? 1 : 3;
    }
    Metadata trailers = error.getTrailers();
    if (trailers != null) {
      for (String key : trailers.keys()) {
        size += key.length();
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          for (byte[] value :
              trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
            size += (value.length + 2) / 3 * 4;
          }
        } else {
          for (String value :
              trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
            size += value.length();
          }
        }
      }
    }
    return size;
  }
}
