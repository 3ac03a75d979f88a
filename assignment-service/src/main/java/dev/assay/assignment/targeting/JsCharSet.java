package dev.assay.assignment.targeting;

import java.util.BitSet;
import java.util.Locale;

/**
 * A set of UTF-16 code units, rendered as an RE2/J character class.
 *
 * <p>JavaScript regular expressions without the {@code u} flag match one UTF-16 code unit at a
 * time, while RE2/J matches code points. {@link JsRegex} therefore rewrites every surrogate code
 * unit {@code U+D800..U+DFFF} of the input to the supplementary code point {@code U+F0000 + (unit -
 * 0xD800)}, and this class renders surrogates the same way, so one JavaScript code unit is always
 * one RE2/J code point.
 */
final class JsCharSet {
  static final int UNITS = 0x10000;
  static final int SURROGATE_START = 0xD800;
  static final int SURROGATE_END = 0xDFFF;
  static final int REMAP_BASE = 0xF0000;

  /** A class no code point is in (RE2/J has no {@code (?!)}). */
  private static final String NOTHING = "[^\\x{0}-\\x{10ffff}]";

  private final BitSet units;

  private JsCharSet(BitSet units) {
    this.units = units;
  }

  static JsCharSet empty() {
    return new JsCharSet(new BitSet(UNITS));
  }

  static JsCharSet of(int... unitsToAdd) {
    JsCharSet set = empty();
    for (int u : unitsToAdd) {
      set.units.set(u);
    }
    return set;
  }

  static JsCharSet digits() {
    JsCharSet set = empty();
    set.addRange('0', '9');
    return set;
  }

  static JsCharSet wordChars() {
    JsCharSet set = digits();
    set.addRange('a', 'z');
    set.addRange('A', 'Z');
    set.add('_');
    return set;
  }

  static JsCharSet whiteSpace() {
    JsCharSet set = empty();
    for (int c = 0; c < UNITS; c++) {
      if (JsNumbers.isJsWhiteSpace((char) c)) {
        set.add(c);
      }
    }
    return set;
  }

  void add(int unit) {
    units.set(unit);
  }

  void addRange(int from, int toInclusive) {
    units.set(from, toInclusive + 1);
  }

  void addAll(JsCharSet other) {
    units.or(other.units);
  }

  JsCharSet complement() {
    BitSet flipped = (BitSet) units.clone();
    flipped.flip(0, UNITS);
    return new JsCharSet(flipped);
  }

  boolean isEmpty() {
    return units.isEmpty();
  }

  boolean isSingleton() {
    return units.cardinality() == 1;
  }

  /** The smallest unit in the set, or -1 when it is empty. */
  int first() {
    return units.nextSetBit(0);
  }

  /**
   * The set of units that match this set under the {@code i} flag: those whose ECMAScript
   * Canonicalize (non-unicode: simple upper-casing that never maps a non-ASCII unit to ASCII)
   * equals the canonical form of a member.
   */
  JsCharSet caseClosure() {
    BitSet canonicalMembers = new BitSet(UNITS);
    for (int u = units.nextSetBit(0); u >= 0; u = units.nextSetBit(u + 1)) {
      canonicalMembers.set(CaseTable.CANONICAL[u]);
    }
    BitSet closed = new BitSet(UNITS);
    for (int u = 0; u < UNITS; u++) {
      if (canonicalMembers.get(CaseTable.CANONICAL[u])) {
        closed.set(u);
      }
    }
    return new JsCharSet(closed);
  }

  /** An RE2/J fragment matching exactly one unit of this set; never matches when empty. */
  String toRegexSyntax() {
    if (units.isEmpty()) {
      return NOTHING;
    }
    if (units.cardinality() == 1) {
      return regexLiteral(units.nextSetBit(0));
    }
    StringBuilder out = new StringBuilder("[");
    for (int start = units.nextSetBit(0); start >= 0; ) {
      int end = units.nextClearBit(start) - 1;
      appendRun(out, start, end);
      start = units.nextSetBit(end + 1);
    }
    return out.append(']').toString();
  }

  private static void appendRun(StringBuilder out, int start, int end) {
    int[][] pieces = {
      {start, Math.min(end, SURROGATE_START - 1)},
      {Math.max(start, SURROGATE_START), Math.min(end, SURROGATE_END)},
      {Math.max(start, SURROGATE_END + 1), end}
    };
    for (int[] piece : pieces) {
      if (piece[0] <= piece[1]) {
        out.append(escape(remap(piece[0])));
        if (piece[1] > piece[0]) {
          out.append('-').append(escape(remap(piece[1])));
        }
      }
    }
  }

  /** An RE2/J fragment matching the single unit {@code unit}. */
  static String regexLiteral(int unit) {
    int cp = remap(unit);
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
      return String.valueOf((char) cp);
    }
    return escape(cp);
  }

  static int remap(int unit) {
    return unit >= SURROGATE_START && unit <= SURROGATE_END
        ? REMAP_BASE + unit - SURROGATE_START
        : unit;
  }

  private static String escape(int codePoint) {
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }

  /**
   * ECMAScript Canonicalize(ch) for non-unicode, case-insensitive patterns, for every UTF-16 unit.
   */
  private static final class CaseTable {
    static final char[] CANONICAL = build();

    private static char[] build() {
      char[] table = new char[UNITS];
      for (int u = 0; u < UNITS; u++) {
        char ch = (char) u;
        String upper = String.valueOf(ch).toUpperCase(Locale.ROOT);
        char canonical = ch;
        if (upper.length() == 1) {
          char cu = upper.charAt(0);
          canonical = (ch >= 128 && cu < 128) ? ch : cu;
        }
        table[u] = canonical;
      }
      return table;
    }
  }
}
