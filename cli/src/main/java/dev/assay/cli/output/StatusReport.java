package dev.assay.cli.output;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A failed call described in one readable line per problem: {@code assay: FIELD: WHAT (CODE)} for
 * each field the server named in its {@code google.rpc.BadRequest}, else {@code assay: MESSAGE
 * (CODE)}; a hint, when one helps, ends the line.
 */
public final class StatusReport {
  /** Codes that mean the service could not answer, rather than refused the request. */
  private static final Set<Status.Code> UNAVAILABLE =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.INTERNAL,
          Status.Code.UNKNOWN,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.CANCELLED,
          Status.Code.DATA_LOSS);

  private StatusReport() {}

  /** Whether {@code failure} means the service could not answer (exit code 2, not 1). */
  public static boolean isUnavailable(StatusRuntimeException failure) {
    return UNAVAILABLE.contains(failure.getStatus().getCode());
  }

  /**
   * The lines for {@code failure}, each ending in a newline.
   *
   * @param target the server called, named when it could not be reached
   * @param tokenSent whether a bearer token was sent, to explain UNAUTHENTICATED
   */
  public static String describe(StatusRuntimeException failure, String target, boolean tokenSent) {
    Status status = failure.getStatus();
    String code = status.getCode().name();
    String hint = hint(status.getCode(), target, tokenSent);
    String ending = " (" + code + ")" + (hint == null ? "" : "; hint: " + hint) + "\n";
    List<BadRequest.FieldViolation> violations = violations(failure);
    StringBuilder text = new StringBuilder();
    String description = status.getDescription();
    // The runtime's message repeats the violations; then the violations alone say it all.
    if (violations.isEmpty() || !repeatsAViolation(description, violations)) {
      text.append("assay: ");
      if (status.getCode() == Status.Code.UNAVAILABLE) {
        text.append("cannot reach ").append(target).append(": ");
      }
      text.append(description == null ? describeCode(status.getCode()) : clean(description))
          .append(ending);
    }
    for (BadRequest.FieldViolation violation : violations) {
      text.append("assay: ")
          .append(clean(violation.getField()))
          .append(": ")
          .append(clean(violation.getDescription()))
          .append(ending);
    }
    return text.toString();
  }

  private static String clean(String serverText) {
    return TerminalText.clean(serverText);
  }

  private static String describeCode(Status.Code code) {
    return code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** Whether the message is just the violations joined, as the Assay runtime writes it. */
  private static boolean repeatsAViolation(
      @Nullable String description, List<BadRequest.FieldViolation> violations) {
    if (description == null) {
      return true;
    }
    List<String> each =
        violations.stream().map(v -> v.getField() + ": " + v.getDescription()).toList();
    return description.equals(String.join("; ", each)) || each.contains(description);
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
              + "? (--target or ASSAY_TARGET, or the service's own --*-target; --tls if it"
              + " speaks TLS)";
      case DEADLINE_EXCEEDED -> "no answer in time; raise --deadline";
      default -> null;
    };
  }
}
