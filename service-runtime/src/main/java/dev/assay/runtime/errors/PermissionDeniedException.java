package dev.assay.runtime.errors;

/** A valid caller asked for something its token does not allow: {@code PERMISSION_DENIED}. */
public final class PermissionDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message naming what was refused (never whether a key exists). */
  public PermissionDeniedException(String message) {
    super(message);
  }
}
