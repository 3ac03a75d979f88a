package dev.assay.cli.stats;

/** A value in a numbers file that is not a finite number; the message names file and line. */
public final class InvalidNumberException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidNumberException(String message) {
    super(message);
  }
}
