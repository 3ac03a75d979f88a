package dev.assay.assignment.targeting;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Translates JavaScript regular-expression source (no {@code u} flag, ECMAScript 2023 section 22.2
 * with Annex B) into {@code java.util.regex} syntax in a single pass; see {@link JsRegex}.
 */
final class JsRegexTranslator {
  private static final String DOT =
      JsCharSet.of('\n', '\r', '\u2028', '\u2029').complement().toJavaRegex();
  private static final String WORD = JsCharSet.wordChars().toJavaRegex();
  private static final String WORD_BOUNDARY =
      "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
  private static final String NOT_WORD_BOUNDARY =
      "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

  private enum Group {
    PLAIN,
    LOOKAHEAD,
    LOOKBEHIND
  }

  private final String src;
  private final boolean ignoreCase;
  private final StringBuilder out = new StringBuilder();
  private final Deque<Group> open = new ArrayDeque<>();
  private int pos;
  private int capturingGroups;
  private boolean namedGroups;

  JsRegexTranslator(String src, boolean ignoreCase) {
    this.src = src;
    this.ignoreCase = ignoreCase;
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
          quantifiable = open.pop() != Group.LOOKBEHIND;
          out.append(')');
          pos++;
        }
        case '*', '+', '?' -> {
          requireQuantifiable(quantifiable);
          out.append(c);
          pos++;
          lazySuffix();
          quantifiable = false;
        }
        case '{' -> {
          if (braceQuantifier()) {
            requireQuantifiable(quantifiable);
            quantifiable = false;
          } else {
            literal('{');
            quantifiable = true;
          }
        }
        case '^' -> {
          out.append('^');
          pos++;
          quantifiable = false;
        }
        case '$' -> {
          out.append("\\z");
          pos++;
          quantifiable = false;
        }
        case '.' -> {
          out.append(DOT);
          pos++;
          quantifiable = true;
        }
        case '[' -> {
          out.append(characterClass().toJavaRegex());
          quantifiable = true;
        }
        case '\\' -> quantifiable = escape();
        default -> {
          literal(c);
          quantifiable = true;
        }
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("missing ')'");
    }
    return out.toString();
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
      emitGroup("(?:", 3, Group.PLAIN);
    } else if (src.startsWith("(?=", pos) || src.startsWith("(?!", pos)) {
      emitGroup(src.substring(pos, pos + 3), 3, Group.LOOKAHEAD);
    } else if (src.startsWith("(?<=", pos) || src.startsWith("(?<!", pos)) {
      emitGroup(src.substring(pos, pos + 4), 4, Group.LOOKBEHIND);
    } else if (src.startsWith("(?<", pos)) {
      int close = src.indexOf('>', pos + 3);
      if (close < 0 || !isGroupName(src.substring(pos + 3, close))) {
        throw new IllegalArgumentException("invalid capture group name at index " + pos);
      }
      emitGroup("(", close + 1 - pos, Group.PLAIN);
    } else if (src.startsWith("(?", pos)) {
      throw new IllegalArgumentException("invalid group at index " + pos);
    } else {
      emitGroup("(", 1, Group.PLAIN);
    }
  }

  private void emitGroup(String java, int consumed, Group kind) {
    out.append(java);
    pos += consumed;
    open.push(kind);
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
    out.append(src, pos, i + 1);
    pos = i + 1;
    lazySuffix();
    return true;
  }

  /** Translates an escape outside a class; returns whether the result can be quantified. */
  private boolean escape() {
    if (pos + 1 >= src.length()) {
      throw new IllegalArgumentException("\\ at end of pattern");
    }
    char e = src.charAt(pos + 1);
    if (e == 'b' || e == 'B') {
      out.append(e == 'b' ? WORD_BOUNDARY : NOT_WORD_BOUNDARY);
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
    out.append(ignoreCase ? set.caseClosure().toJavaRegex() : set.toJavaRegex());
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
    out.append(ignoreCase ? set.caseClosure().toJavaRegex() : JsCharSet.javaLiteral(c));
    pos++;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
