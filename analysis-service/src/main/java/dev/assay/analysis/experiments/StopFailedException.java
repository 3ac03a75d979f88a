package dev.assay.analysis.experiments;

import org.jspecify.annotations.Nullable;

/** The assignment service refused a stop, or could not be reached; the monitor retries later. */
public final class StopFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With the reason shown in the monitor's record. */
  public StopFailedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
