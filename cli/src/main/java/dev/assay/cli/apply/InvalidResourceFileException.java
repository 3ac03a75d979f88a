package dev.assay.cli.apply;

/** A resource file that cannot be applied; the message names the file and what is wrong. */
public final class InvalidResourceFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A file problem described by {@code message}. */
  public InvalidResourceFileException(String message) {
    super(message);
  }
}
