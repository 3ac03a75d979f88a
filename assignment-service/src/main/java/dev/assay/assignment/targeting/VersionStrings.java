package dev.assay.assignment.targeting;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Version strings made comparable as plain strings, for the {@code $veq ... $vlte} operators.
 *
 * <p>Source: GrowthBook JS SDK {@code util.ts} {@code paddedVersionString}: drop one leading "v"
 * and any "+build" suffix, split on "-" and ".", append "~" to a three-part version without a
 * pre-release tag (so "1.0.0" sorts after "1.0.0-beta"), left-pad purely numeric parts with spaces
 * to five characters, and join with "-". The results compare by UTF-16 code units ({@link
 * String#compareTo}).
 */
final class VersionStrings {
  private VersionStrings() {}

  /** The padded form of {@code version}; null and "" are treated as "0", as the SDK does. */
  static String padded(@Nullable String version) {
    String input = version == null || version.isEmpty() ? "0" : version;
    List<String> parts = split(stripBuildAndPrefix(input));
    if (parts.size() == 3) {
      parts.add("~");
    }
    StringBuilder out = new StringBuilder(input.length() + 16);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.append('-');
      }
      String part = parts.get(i);
      if (isDigits(part)) {
        for (int pad = part.length(); pad < 5; pad++) {
          out.append(' ');
        }
      }
      out.append(part);
    }
    return out.toString();
  }

  /**
   * The padded form of any attribute or operand value: numbers print as JS numbers, non-strings are
   * "0".
   */
  static String paddedValue(@Nullable Object value) {
    if (value instanceof Number) {
      return padded(JsValues.toJsString(value));
    }
    return padded(value instanceof String string ? string : null);
  }

  /** {@code input.replace(/(^v|\+.*$)/g, "")}. */
  private static String stripBuildAndPrefix(String input) {
    int start = input.startsWith("v") ? 1 : 0;
    int end = input.length();
    for (int i = start; i < input.length(); i++) {
      if (input.charAt(i) == '+' && !containsLineTerminator(input, i + 1)) {
        end = i;
        break;
      }
    }
    return input.substring(start, end);
  }

  private static boolean containsLineTerminator(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /** {@code s.split(/[-.]/)}, keeping empty parts. */
  private static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '-' || c == '.') {
        parts.add(s.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(s.substring(from));
    return parts;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
