package dev.assay.assignment.targeting;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A JavaScript regular expression ({@code new RegExp(source)} or {@code new RegExp(source, "i")},
 * no other flags) translated once into an equivalent RE2/J {@link Pattern}, which matches in time
 * linear in the input: no pattern can make matching backtrack.
 *
 * <p>The translation follows ECMAScript 2023 section 22.2 with Annex B (the web-compatible syntax
 * that Node accepts without the {@code u} flag): {@code .} excludes only JS line terminators,
 * {@code $} matches only at the end, {@code \s} is JS white space, {@code \b} uses ASCII word
 * characters, matching is per UTF-16 code unit (see {@link JsCharSet}), case folding uses JS
 * Canonicalize, and stray braces and brackets, a lone {@code \c} and identity escapes such as
 * {@code \a} are literals.
 *
 * <p>Rejected, because they need backtracking or unbounded work: backreferences ({@code \1}, {@code
 * \k<name>}), lookahead and lookbehind ({@code (?=…)}, {@code (?!…)}, {@code (?<=…)}, {@code
 * (?<!…)}), repetition counts above 1,000, sources longer than {@value #MAX_SOURCE_LENGTH}
 * characters and patterns whose {@linkplain JsRegexTranslator#size() expanded size} exceeds {@value
 * #MAX_SIZE}. {@link #test} never matches a string longer than {@link #maxInputLength()} characters
 * (at most {@value #MAX_INPUT_LENGTH}, fewer for larger patterns), which bounds the work of one
 * test to {@value #MAX_WORK} size × length steps, a few milliseconds.
 */
final class JsRegex {
  /** Longest pattern source accepted, in UTF-16 code units. */
  static final int MAX_SOURCE_LENGTH = 1000;

  /** Largest expanded size accepted (elements after expanding counted repetitions). */
  static final int MAX_SIZE = 1000;

  /** Longest string any pattern is tested against; a longer one never matches. */
  static final int MAX_INPUT_LENGTH = 8192;

  /**
   * The matching work one test may do, in size × input-length steps (a few milliseconds): a pattern
   * of size s is tested only against strings of at most {@code MAX_WORK / s} characters.
   */
  static final int MAX_WORK = 131_072;

  /** The message (prefix) for lookaround, which RE2 cannot run in linear time. */
  static final String LOOKAROUND_UNSUPPORTED =
      "lookahead and lookbehind assertions are not supported (they need backtracking)";

  private final Pattern pattern;
  private final int size;
  private final int maxInputLength;

  private JsRegex(Pattern pattern, int size) {
    this.pattern = pattern;
    this.size = size;
    this.maxInputLength = Math.min(MAX_INPUT_LENGTH, MAX_WORK / Math.max(1, size));
  }

  /**
   * Translates {@code source}.
   *
   * @throws IllegalArgumentException naming the problem when JavaScript would reject the pattern,
   *     Assay cannot reproduce it in linear time, or it exceeds a limit
   */
  static JsRegex compile(String source, boolean ignoreCase) {
    if (source.length() > MAX_SOURCE_LENGTH) {
      throw new IllegalArgumentException(
          "a pattern may have at most "
              + MAX_SOURCE_LENGTH
              + " characters, got "
              + source.length());
    }
    JsRegexTranslator translator = new JsRegexTranslator(source, ignoreCase);
    String translated = translator.translate();
    long size = translator.size();
    if (size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "pattern too large: "
              + (size >= 1_000_000 ? "over 1,000,000" : String.valueOf(size))
              + " elements once repetitions are expanded, at most "
              + MAX_SIZE);
    }
    try {
      return new JsRegex(Pattern.compile(translated), (int) size);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "unsupported regular expression: " + e.getDescription(), e);
    }
  }

  /** The expanded size (see {@link JsRegexTranslator#size()}). */
  int size() {
    return size;
  }

  /**
   * The longest input {@link #test} matches: {@code min(MAX_INPUT_LENGTH, MAX_WORK / size)}
   * characters.
   */
  int maxInputLength() {
    return maxInputLength;
  }

  /**
   * {@code RegExp.prototype.test(input)}: whether the pattern matches anywhere in {@code input};
   * always false for an input longer than {@link #maxInputLength()}.
   */
  boolean test(String input) {
    if (input.length() > maxInputLength) {
      return false;
    }
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
