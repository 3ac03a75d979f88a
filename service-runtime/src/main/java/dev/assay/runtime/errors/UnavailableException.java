package dev.assay.runtime.errors;

/** Maps to the gRPC status {@code UNAVAILABLE}. */
public final class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message names the resource or dependency and what went wrong. */
  public UnavailableException(String message) {
    super(message);
  }

  /** With the underlying cause. */
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
