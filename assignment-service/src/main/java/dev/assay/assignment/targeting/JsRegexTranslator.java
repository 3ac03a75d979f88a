package dev.assay.assignment.targeting;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Translates JavaScript regular-expression source (no {@code u} flag, ECMAScript 2023 section 22.2
 * with Annex B) into RE2/J syntax in a single pass; see {@link JsRegex}.
 *
 * <p>It also measures the pattern's {@linkplain #size() size}: the number of elements (literals,
 * classes, anchors, groups, repetition operators) once every counted repetition {@code {n,m}} is
 * expanded, as RE2/J's compiled program expands it. Matching time grows with size times input
 * length, so {@link JsRegex} bounds both.
 */
final class JsRegexTranslator {
  /** RE2's largest repetition count; JavaScript has none. */
  static final int MAX_REPEAT = 1000;

  /** Sizes saturate here: far above any limit, far below overflow. */
  private static final long SIZE_CEILING = 1L << 40;

  private static final String DOT =
      JsCharSet.of('\n', '\r', '\u2028', '\u2029').complement().toRegexSyntax();

  /** Sizes of the group being read: finished alternatives, the current one, its last atom. */
  private static final class Frame {
    long alternatives;
    long current;
    long lastAtom;

    long total() {
      return Math.min(SIZE_CEILING, alternatives + current);
    }
  }

  private final String src;
  private final boolean ignoreCase;
  private final StringBuilder out = new StringBuilder();
  private final Deque<Frame> open = new ArrayDeque<>();
  private Frame frame = new Frame();
  private long size = -1;
  private int pos;
  private int capturingGroups;
  private boolean namedGroups;

  JsRegexTranslator(String src, boolean ignoreCase) {
    this.src = src;
    this.ignoreCase = ignoreCase;
  }

  /** The expanded size of the translated pattern; only after {@link #translate}. */
  long size() {
    if (size < 0) {
      throw new IllegalStateException("translate() first");
    }
    return size;
  }

  String translate() {
    countGroups();
    boolean quantifiable = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      switch (c) {
        case '|' -> {
          out.append('|');
          pos++;
          frame.alternatives = Math.min(SIZE_CEILING, frame.alternatives + frame.current + 1);
          frame.current = 0;
          frame.lastAtom = 0;
          quantifiable = false;
        }
        case '(' -> {
          openGroup();
          quantifiable = false;
        }
        case ')' -> {
          if (open.isEmpty()) {
            throw new IllegalArgumentException("unmatched ')' at index " + pos);
          }
          long groupSize = frame.total() + 1;
          frame = open.pop();
          atom(groupSize);
          quantifiable = true;
          out.append(')');
          pos++;
        }
        case '*', '+', '?' -> {
          requireQuantifiable(quantifiable);
          out.append(c);
          pos++;
          lazySuffix();
          grow(1);
          quantifiable = false;
        }
        case '{' -> {
          if (braceQuantifier()) {
            requireQuantifiable(quantifiable);
            quantifiable = false;
          } else {
            literal('{');
            atom(1);
            quantifiable = true;
          }
        }
        case '^' -> {
          out.append('^');
          pos++;
          atom(1);
          quantifiable = false;
        }
        case '$' -> {
          out.append("\\z");
          pos++;
          atom(1);
          quantifiable = false;
        }
        case '.' -> {
          out.append(DOT);
          pos++;
          atom(1);
          quantifiable = true;
        }
        case '[' -> {
          out.append(characterClass().toRegexSyntax());
          atom(1);
          quantifiable = true;
        }
        case '\\' -> {
          quantifiable = escape();
          atom(1);
        }
        default -> {
          literal(c);
          atom(1);
          quantifiable = true;
        }
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("missing ')'");
    }
    size = frame.total();
    return out.toString();
  }

  /** Adds an element of {@code elements} to the current alternative; a quantifier repeats it. */
  private void atom(long elements) {
    frame.current = Math.min(SIZE_CEILING, frame.current + elements);
    frame.lastAtom = elements;
  }

  /** Adds {@code elements} that cannot be repeated (a repetition operator's own). */
  private void grow(long elements) {
    frame.current = Math.min(SIZE_CEILING, frame.current + elements);
  }

  private void countGroups() {
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        for (i++; i < src.length() && src.charAt(i) != ']'; i++) {
          if (src.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == '(') {
        if (!src.startsWith("?", i + 1)) {
          capturingGroups++;
        } else if (src.startsWith("?<", i + 1)
            && !src.startsWith("?<=", i + 1)
            && !src.startsWith("?<!", i + 1)) {
          capturingGroups++;
          namedGroups = true;
        }
      }
    }
  }

  private void openGroup() {
    if (src.startsWith("(?:", pos)) {
      emitGroup("(?:", 3);
    } else if (src.startsWith("(?=", pos)
        || src.startsWith("(?!", pos)
        || src.startsWith("(?<=", pos)
        || src.startsWith("(?<!", pos)) {
      throw new IllegalArgumentException(JsRegex.LOOKAROUND_UNSUPPORTED + " (index " + pos + ")");
    } else if (src.startsWith("(?<", pos)) {
      int close = src.indexOf('>', pos + 3);
      if (close < 0 || !isGroupName(src.substring(pos + 3, close))) {
        throw new IllegalArgumentException("invalid capture group name at index " + pos);
      }
      emitGroup("(?:", close + 1 - pos);
    } else if (src.startsWith("(?", pos)) {
      throw new IllegalArgumentException("invalid group at index " + pos);
    } else {
      emitGroup("(?:", 1);
    }
  }

  /** Groups never capture in the translation: only whether the pattern matches is asked. */
  private void emitGroup(String syntax, int consumed) {
    out.append(syntax);
    pos += consumed;
    open.push(frame);
    frame = new Frame();
  }

  private static boolean isGroupName(String name) {
    if (name.isEmpty()
        || !(Character.isLetter(name.charAt(0))
            || name.charAt(0) == '$'
            || name.charAt(0) == '_')) {
      return false;
    }
    return name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '$' || ch == '_');
  }

  private void requireQuantifiable(boolean quantifiable) {
    if (!quantifiable) {
      throw new IllegalArgumentException("nothing to repeat at index " + pos);
    }
  }

  private void lazySuffix() {
    if (pos < src.length() && src.charAt(pos) == '?') {
      out.append('?');
      pos++;
    }
  }

  /** Consumes {n}, {n,} or {n,m} and returns true, or returns false when '{' is a literal. */
  private boolean braceQuantifier() {
    int i = pos + 1;
    int minStart = i;
    while (i < src.length() && isDigit(src.charAt(i))) {
      i++;
    }
    if (i == minStart) {
      return false;
    }
    String min = src.substring(minStart, i);
    String max = min;
    if (i < src.length() && src.charAt(i) == ',') {
      int maxStart = ++i;
      while (i < src.length() && isDigit(src.charAt(i))) {
        i++;
      }
      max = i == maxStart ? "" : src.substring(maxStart, i);
    }
    if (i >= src.length() || src.charAt(i) != '}') {
      return false;
    }
    if (!max.isEmpty()
        && new java.math.BigInteger(min).compareTo(new java.math.BigInteger(max)) > 0) {
      throw new IllegalArgumentException("numbers out of order in {} quantifier at index " + pos);
    }
    long copies = Math.max(count(max.isEmpty() ? min : max), count(min) + (max.isEmpty() ? 1 : 0));
    if (copies > MAX_REPEAT + 1 || (copies == MAX_REPEAT + 1 && !max.isEmpty())) {
      throw new IllegalArgumentException(
          "repetition counts above " + MAX_REPEAT + " are not supported (index " + pos + ")");
    }
    out.append(src, pos, i + 1);
    pos = i + 1;
    lazySuffix();
    frame.current =
        Math.min(SIZE_CEILING, frame.current + frame.lastAtom * (Math.max(copies, 1) - 1) + 1);
    return true;
  }

  /** Translates an escape outside a class; returns whether the result can be quantified. */
  private boolean escape() {
    if (pos + 1 >= src.length()) {
      throw new IllegalArgumentException("\\ at end of pattern");
    }
    char e = src.charAt(pos + 1);
    if (e == 'b' || e == 'B') {
      // RE2's \b and \B use ASCII word characters, exactly as JavaScript's without the u flag.
      out.append('\\').append(e);
      pos += 2;
      return false;
    }
    if (e >= '1' && e <= '9') {
      int end = pos + 1;
      while (end < src.length() && isDigit(src.charAt(end))) {
        end++;
      }
      if (Double.parseDouble(src.substring(pos + 1, end)) <= capturingGroups) {
        throw new IllegalArgumentException("backreferences are not supported (index " + pos + ")");
      }
    }
    if (e == 'k' && namedGroups) {
      throw new IllegalArgumentException(
          "named backreferences are not supported (index " + pos + ")");
    }
    JsCharSet set = classEscape(false);
    out.append(ignoreCase ? set.caseClosure().toRegexSyntax() : set.toRegexSyntax());
    return true;
  }

  private JsCharSet characterClass() {
    pos++;
    boolean negated = pos < src.length() && src.charAt(pos) == '^';
    if (negated) {
      pos++;
    }
    JsCharSet set = JsCharSet.empty();
    while (true) {
      if (pos >= src.length()) {
        throw new IllegalArgumentException("missing ']'");
      }
      if (src.charAt(pos) == ']') {
        pos++;
        break;
      }
      JsCharSet from = classAtom();
      if (pos + 1 < src.length() && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
        pos++;
        JsCharSet to = classAtom();
        int lo = singleUnit(from);
        int hi = singleUnit(to);
        if (lo < 0 || hi < 0) {
          set.addAll(from);
          set.add('-');
          set.addAll(to);
        } else if (lo > hi) {
          throw new IllegalArgumentException("range out of order in character class");
        } else {
          set.addRange(lo, hi);
        }
      } else {
        set.addAll(from);
      }
    }
    JsCharSet matched = ignoreCase ? set.caseClosure() : set;
    return negated ? matched.complement() : matched;
  }

  private static int singleUnit(JsCharSet atom) {
    return atom.isSingleton() ? atom.first() : -1;
  }

  private JsCharSet classAtom() {
    if (src.charAt(pos) == '\\') {
      if (pos + 1 >= src.length()) {
        throw new IllegalArgumentException("\\ at end of pattern");
      }
      return classEscape(true);
    }
    return JsCharSet.of(src.charAt(pos++));
  }

  /** Parses the escape at {@code pos} (a backslash) into the set of units it matches. */
  private JsCharSet classEscape(boolean inClass) {
    char e = src.charAt(pos + 1);
    pos += 2;
    return switch (e) {
      case 'd' -> JsCharSet.digits();
      case 'D' -> JsCharSet.digits().complement();
      case 'w' -> JsCharSet.wordChars();
      case 'W' -> JsCharSet.wordChars().complement();
      case 's' -> JsCharSet.whiteSpace();
      case 'S' -> JsCharSet.whiteSpace().complement();
      case 'b' -> JsCharSet.of('\b');
      case 't' -> JsCharSet.of('\t');
      case 'n' -> JsCharSet.of('\n');
      case 'v' -> JsCharSet.of('\u000b');
      case 'f' -> JsCharSet.of('\f');
      case 'r' -> JsCharSet.of('\r');
      case 'c' -> controlEscape(inClass);
      case 'x' -> JsCharSet.of(hexEscape(2, 'x'));
      case 'u' -> JsCharSet.of(hexEscape(4, 'u'));
      default -> e >= '0' && e <= '7' ? JsCharSet.of(legacyOctal(e)) : JsCharSet.of(e);
    };
  }

  private JsCharSet controlEscape(boolean inClass) {
    if (pos < src.length()) {
      char letter = src.charAt(pos);
      boolean valid =
          (letter >= 'a' && letter <= 'z')
              || (letter >= 'A' && letter <= 'Z')
              || (inClass && (isDigit(letter) || letter == '_'));
      if (valid) {
        pos++;
        return JsCharSet.of(letter % 32);
      }
    }
    pos--; // "\c" without a control letter is a literal backslash; the "c" is read next
    return JsCharSet.of('\\');
  }

  private int hexEscape(int digits, char name) {
    if (pos + digits <= src.length()) {
      String hex = src.substring(pos, pos + digits);
      if (hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 128)) {
        pos += digits;
        return Integer.parseInt(hex, 16);
      }
    }
    return name;
  }

  /** Annex B LegacyOctalEscapeSequence: up to three octal digits with a value of at most 0377. */
  private int legacyOctal(char first) {
    int value = first - '0';
    int maxDigits = first <= '3' ? 2 : 1;
    for (int i = 0;
        i < maxDigits && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7';
        i++) {
      value = value * 8 + (src.charAt(pos++) - '0');
    }
    return value;
  }

  private void literal(char c) {
    JsCharSet set = JsCharSet.of(c);
    out.append(ignoreCase ? set.caseClosure().toRegexSyntax() : JsCharSet.regexLiteral(c));
    pos++;
  }

  /** A repetition count, saturated far above {@link #MAX_REPEAT}. */
  private static long count(String digits) {
    java.math.BigInteger value = new java.math.BigInteger(digits);
    return value.bitLength() > 30 ? 1L << 30 : value.longValue();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
