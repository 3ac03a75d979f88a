package dev.assay.runtime.testing;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A generated input as one short, printable line for a failure report: strings quoted, arrays
 * listed, every character that would not print (controls, surrogates, anything past ASCII) escaped
 * as {@code \\uXXXX}, and the whole cut to a bounded length that says how long it was.
 */
final class InputText {
  /** Characters of a description kept; a 100,000-character input must not flood the report. */
  static final int MAX_CHARS = 500;

  /** Array elements (or bytes) listed before the rest is only counted. */
  private static final int MAX_ELEMENTS = 64;

  private InputText() {}

  /** {@code input} described in at most about {@link #MAX_CHARS} printable characters. */
  static String describe(@Nullable Object input) {
    String text = raw(input);
    StringBuilder out = new StringBuilder();
    int shown = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append("\\u").append(HexFormat.of().withUpperCase().toHexDigits(c));
      }
    }
    if (text.length() > shown) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }

  private static String raw(@Nullable Object input) {
    if (input instanceof String text) {
      return text.length() + " chars: \"" + text + "\"";
    }
    if (input instanceof byte[] bytes) {
      String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, MAX_ELEMENTS));
      return bytes.length + " bytes: " + hex + (bytes.length > MAX_ELEMENTS ? "..." : "");
    }
    if (input instanceof double[] values) {
      return values.length + " doubles: " + first(Arrays.stream(values).boxed().toList());
    }
    if (input instanceof long[] values) {
      return values.length + " longs: " + first(Arrays.stream(values).boxed().toList());
    }
    if (input instanceof int[] values) {
      return values.length + " ints: " + first(Arrays.stream(values).boxed().toList());
    }
    if (input instanceof Object[] values) {
      return values.length + " elements: " + Arrays.deepToString(values);
    }
    return String.valueOf(input);
  }

  private static String first(List<?> values) {
    List<?> shown = values.subList(0, Math.min(values.size(), MAX_ELEMENTS));
    return shown + (values.size() > MAX_ELEMENTS ? "..." : "");
  }
}
