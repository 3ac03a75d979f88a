package dev.assay.runtime.errors;

/** Maps to the gRPC status {@code FAILED_PRECONDITION}. */
public final class FailedPreconditionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message names the resource or dependency and what went wrong. */
  public FailedPreconditionException(String message) {
    super(message);
  }

  /** With the underlying cause. */
  public FailedPreconditionException(String message, Throwable cause) {
    super(message, cause);
  }
}
