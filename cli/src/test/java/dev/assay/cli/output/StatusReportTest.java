package dev.assay.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

class StatusReportTest {
  private static StatusRuntimeException invalid(String message, BadRequest details) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage(message)
            .addDetails(Any.pack(details))
            .build());
  }

  private static BadRequest.FieldViolation violation(String field, String description) {
    return BadRequest.FieldViolation.newBuilder()
        .setField(field)
        .setDescription(description)
        .build();
  }

  @Test
  void eachFieldViolationIsOneLineNamingTheFieldAndTheRepeatedMessageIsDropped() {
    BadRequest details =
        BadRequest.newBuilder()
            .addFieldViolations(violation("scopes[0]", "unknown scope"))
            .addFieldViolations(violation("display_name", "must be 1-200 characters"))
            .build();
    String report =
        StatusReport.describe(
            invalid("scopes[0]: unknown scope; display_name: must be 1-200 characters", details),
            "localhost:50051",
            true);
    assertEquals(
        """
        assay: scopes[0]: unknown scope (INVALID_ARGUMENT)
        assay: display_name: must be 1-200 characters (INVALID_ARGUMENT)
        """,
        report);
  }

  @Test
  void aDifferentMessageIsKeptAndServerTextIsCleaned() {
    BadRequest details =
        BadRequest.newBuilder().addFieldViolations(violation("id\u001b[1m", "bad\nline")).build();
    String report =
        StatusReport.describe(invalid("the request is wrong", details), "localhost:50051", true);
    assertEquals(
        "assay: the request is wrong (INVALID_ARGUMENT)\nassay: id?[1m: bad?line (INVALID_ARGUMENT)\n",
        report);
  }

  @Test
  void aStatusWithoutDetailsIsOneLineEndingInItsHint() {
    String report =
        StatusReport.describe(
            Status.UNAUTHENTICATED.withDescription("invalid bearer token").asRuntimeException(),
            "localhost:50051",
            false);
    assertEquals(
        "assay: invalid bearer token (UNAUTHENTICATED); hint: no token was sent; set ASSAY_TOKEN"
            + " (or --token)\n",
        report);
  }
}
