package dev.assay.analysis.power;

/** No design satisfies the request (e.g. no rate in (0, 1) reaches the power with this sample). */
public final class NoSolutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  /** With the reason, phrased for the caller. */
  public NoSolutionException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** Why there is no solution, phrased for the caller. */
  public String reason() {
    return reason;
  }
}
