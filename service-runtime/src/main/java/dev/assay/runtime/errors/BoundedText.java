package dev.assay.runtime.errors;

/**
 * Keeps what an error message echoes small: a request can carry a 40,000-character field path, and
 * echoing it whole into a status trailer makes some clients (grpc-js) stall the shared channel.
 */
public final class BoundedText {
  /** The most characters of any one echoed piece (a field path, a description, a message). */
  public static final int MAX_ECHOED_CHARS = 200;

  private BoundedText() {}

  /**
   * {@code text} when it has at most {@code maxChars} characters, else its first {@code maxChars}
   * characters (never half a surrogate pair) followed by {@code "… (N characters)"}, N being the
   * original length, so that the reader knows it was cut.
   */
  public static String truncate(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "… (" + text.length() + " characters)";
  }

  /** {@link #truncate(String, int)} to {@link #MAX_ECHOED_CHARS}. */
  public static String truncate(String text) {
    return truncate(text, MAX_ECHOED_CHARS);
  }
}
