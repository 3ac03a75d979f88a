package dev.assay.runtime.security;

/** No usable credential: {@code UNAUTHENTICATED}. */
public final class UnauthenticatedException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message, null, false, false);
  }
}
