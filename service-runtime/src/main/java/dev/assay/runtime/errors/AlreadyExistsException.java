package dev.assay.runtime.errors;

/** Maps to the gRPC status {@code ALREADY_EXISTS}. */
public final class AlreadyExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message names the resource or dependency and what went wrong. */
  public AlreadyExistsException(String message) {
    super(message);
  }

  /** With the underlying cause. */
  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
