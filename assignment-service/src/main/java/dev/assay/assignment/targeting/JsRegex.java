package dev.assay.assignment.targeting;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JavaScript regular expression ({@code new RegExp(source)} or {@code new RegExp(source, "i")},
 * no other flags) translated once into an equivalent {@link Pattern}.
 *
 * <p>The translation follows ECMAScript 2023 section 22.2 with Annex B (the web-compatible syntax
 * that Node accepts without the {@code u} flag): {@code .} excludes only JS line terminators,
 * {@code $} matches only at the end, {@code \s} is JS white space, {@code \b} uses ASCII word
 * characters, matching is per UTF-16 code unit (see {@link JsCharSet}), case folding uses JS
 * Canonicalize, and stray braces and brackets, a lone {@code \c} and identity escapes such as
 * {@code \a} are literals. Backreferences, and lookbehinds Java cannot bound, are rejected.
 */
final class JsRegex {
  private final Pattern pattern;

  private JsRegex(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * Translates {@code source}.
   *
   * @throws IllegalArgumentException naming the problem when JavaScript would reject the pattern or
   *     Assay cannot reproduce it exactly
   */
  static JsRegex compile(String source, boolean ignoreCase) {
    String java = new JsRegexTranslator(source, ignoreCase).translate();
    try {
      return new JsRegex(Pattern.compile(java));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "unsupported regular expression: " + e.getDescription(), e);
    }
  }

  /**
   * {@code RegExp.prototype.test(input)}: whether the pattern matches anywhere in {@code input}.
   */
  boolean test(String input) {
    return pattern.matcher(remapSurrogates(input)).find();
  }

  private static CharSequence remapSurrogates(String input) {
    int first = -1;
    for (int i = 0; i < input.length(); i++) {
      if (Character.isSurrogate(input.charAt(i))) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return input;
    }
    StringBuilder out = new StringBuilder(input.length() + 16).append(input, 0, first);
    for (int i = first; i < input.length(); i++) {
      out.appendCodePoint(JsCharSet.remap(input.charAt(i)));
    }
    return out;
  }
}
