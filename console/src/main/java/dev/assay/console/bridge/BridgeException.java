package dev.assay.console.bridge;

import java.util.List;

/**
 * A request the console answers with an error: the HTTP status and the JSON body {@code {code,
 * message, fieldViolations}} the UI shows as one readable line.
 */
public final class BridgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One field named by a {@code google.rpc.BadRequest}, or by the console's own checks. */
  public record FieldViolation(String field, String description) {}

  private final int httpStatus;
  private final String code;
  private final List<FieldViolation> fieldViolations;

  /** An error with its HTTP status, gRPC-style code name and message. */
  public BridgeException(
      int httpStatus, String code, String message, List<FieldViolation> fieldViolations) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
    this.fieldViolations = List.copyOf(fieldViolations);
  }

  /** 400 INVALID_ARGUMENT naming one field. */
  public static BridgeException invalidField(String field, String description) {
    return new BridgeException(
        400,
        "INVALID_ARGUMENT",
        field + ": " + description,
        List.of(new FieldViolation(field, description)));
  }

  /** The HTTP status to answer with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The gRPC code name ({@code NOT_FOUND}), or the console's own for errors it raises itself. */
  public String code() {
    return code;
  }

  /** The fields at fault, possibly none. */
  public List<FieldViolation> fieldViolations() {
    return fieldViolations;
  }
}
