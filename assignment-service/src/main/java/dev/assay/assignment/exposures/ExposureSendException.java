package dev.assay.assignment.exposures;

/** A batch the receiver did not acknowledge; {@link #isRetryable} says whether to try again. */
public final class ExposureSendException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** {@code reason} is logged; it must hold no secret. */
  public ExposureSendException(String reason, boolean retryable) {
    super(reason);
    this.retryable = retryable;
  }

  /** Whether the same batch may succeed later (the receiver was down, slow or busy). */
  public boolean isRetryable() {
    return retryable;
  }
}
