package dev.assay.runtime.errors;

/** Maps to the gRPC status {@code NOT_FOUND}. */
public final class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message names the resource or dependency and what went wrong. */
  public NotFoundException(String message) {
    super(message);
  }

  /** With the underlying cause. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
