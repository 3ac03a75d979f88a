package dev.assay.runtime.errors;

import java.util.List;

/**
 * The request is invalid; maps to {@code INVALID_ARGUMENT} with a {@code google.rpc.BadRequest}.
 */
public final class ValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<FieldViolation> violations;

  /** At least one violation is required. */
  public ValidationException(List<FieldViolation> violations) {
    super(summary(violations));
    this.violations = List.copyOf(violations);
  }

  /** A single bad field. */
  public static ValidationException of(String field, String description) {
    return new ValidationException(List.of(new FieldViolation(field, description)));
  }

  /** Every bad field, in the order found. */
  public List<FieldViolation> violations() {
    return violations;
  }

  private static String summary(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    StringBuilder text = new StringBuilder();
    for (FieldViolation v : violations) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(v.field()).append(": ").append(v.description());
    }
    return text.toString();
  }
}
