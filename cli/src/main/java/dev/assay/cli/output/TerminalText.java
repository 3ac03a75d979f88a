package dev.assay.cli.output;

/**
 * Text from a server, made safe to print: a hostile or broken server could otherwise send escape
 * sequences that rewrite the terminal, or newlines that fake extra table rows.
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every control character replaced by {@code ?}. */
  public static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) || isBidiControl(c) ? '?' : c));
    return out.toString();
  }

  // Bidirectional overrides can make text read differently from what it is (CVE-2021-42574).
  private static boolean isBidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }
}
