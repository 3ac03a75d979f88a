package dev.assay.bandit.decisionkeys;

/**
 * A decision keys file that cannot be used; the message names the file and the entry and field at
 * fault, never a secret.
 */
public final class InvalidKeysFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem described without any secret. */
  public InvalidKeysFileException(String message) {
    super(message);
  }
}
