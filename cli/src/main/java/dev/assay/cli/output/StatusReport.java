package dev.assay.cli.output;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A failed call described in one readable block: the gRPC code and message, then one line per field
 * the server named in its {@code google.rpc.BadRequest}, then a hint when one helps.
 */
public final class StatusReport {
  private StatusReport() {}

  /**
   * The block for {@code failure}.
   *
   * @param target the server called, named when it could not be reached
   * @param tokenSent whether a bearer token was sent, to explain UNAUTHENTICATED
   */
  public static String describe(StatusRuntimeException failure, String target, boolean tokenSent) {
    Status status = failure.getStatus();
    StringBuilder text = new StringBuilder("error: ").append(status.getCode());
    List<BadRequest.FieldViolation> violations = violations(failure);
    String description = status.getDescription();
    // The runtime's message repeats the violations; the list below shows them one per line.
    if (description != null && !repeatsAViolation(description, violations)) {
      text.append(": ").append(TerminalText.clean(description));
    }
    text.append('\n');
    for (BadRequest.FieldViolation violation : violations) {
      text.append("  ")
          .append(TerminalText.clean(violation.getField()))
          .append(": ")
          .append(TerminalText.clean(violation.getDescription()))
          .append('\n');
    }
    String hint = hint(status.getCode(), target, tokenSent);
    if (hint != null) {
      text.append("hint: ").append(hint).append('\n');
    }
    return text.toString();
  }

  /** Whether the message is just the violations joined, as the Assay runtime writes it. */
  private static boolean repeatsAViolation(
      String description, List<BadRequest.FieldViolation> violations) {
    List<String> each =
        violations.stream().map(v -> v.getField() + ": " + v.getDescription()).toList();
    return !each.isEmpty()
        && (description.equals(String.join("; ", each)) || each.contains(description));
  }

  /** The field violations of a {@code google.rpc.BadRequest} in the status details, if any. */
  static List<BadRequest.FieldViolation> violations(StatusRuntimeException failure) {
    com.google.rpc.Status details = StatusProto.fromThrowable(failure);
    List<BadRequest.FieldViolation> found = new ArrayList<>();
    if (details == null) {
      return found;
    }
    for (Any detail : details.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          found.addAll(detail.unpack(BadRequest.class).getFieldViolationsList());
        } catch (InvalidProtocolBufferException e) {
          // A detail that claims to be a BadRequest but is not: the code and message still stand.
        }
      }
    }
    return found;
  }

  private static @Nullable String hint(Status.Code code, String target, boolean tokenSent) {
    return switch (code) {
      case UNAUTHENTICATED ->
          tokenSent
              ? "the token was refused; check ASSAY_TOKEN (or --token)"
              : "no token was sent; set ASSAY_TOKEN (or --token)";
      case PERMISSION_DENIED -> "the token lacks a scope or a project this call needs";
      case UNAVAILABLE ->
          "is an Assay service listening on "
              + target
              + "? (--target or ASSAY_TARGET; --tls if it speaks TLS)";
      case DEADLINE_EXCEEDED -> "no answer in time; raise --deadline";
      default -> null;
    };
  }
}
