package dev.assay.runtime.errors;

/** Maps to the gRPC status {@code ABORTED}. */
public final class AbortedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message names the resource or dependency and what went wrong. */
  public AbortedException(String message) {
    super(message);
  }

  /** With the underlying cause. */
  public AbortedException(String message, Throwable cause) {
    super(message, cause);
  }
}
