package dev.assay.runtime.testing;

import dev.assay.runtime.testing.Gen.Weighted;
import java.util.List;

/**
 * Generators of the inputs that break code which trusts its callers: doubles that are not finite or
 * sit at the edges of precision and range, longs at the edges of their type, and strings that are
 * empty, huge, not valid UTF-16, full of control characters or outside the BMP. Half of each
 * generator's values are the fixed edge values listed here, half random ones.
 */
public final class Hostile {
  /** 2^53: above it not every integer is a double. */
  private static final double TWO_TO_53 = 9_007_199_254_740_992.0;

  /** Doubles at the edges: zeros, subnormal, tiny, huge, infinite, NaN, integer precision. */
  public static final List<Double> EDGE_DOUBLES =
      List.of(
          0.0,
          -0.0,
          Double.MIN_VALUE,
          -Double.MIN_VALUE,
          Double.MIN_NORMAL,
          1e-300,
          -1e-300,
          1e308,
          -1e308,
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.NaN,
          TWO_TO_53,
          -TWO_TO_53,
          (double) Long.MAX_VALUE,
          (double) Long.MIN_VALUE,
          1.0,
          -1.0);

  /** Longs at the edges of long, int and double precision. */
  public static final List<Long> EDGE_LONGS =
      List.of(
          0L,
          1L,
          -1L,
          (long) Integer.MAX_VALUE,
          (long) Integer.MIN_VALUE,
          (long) Integer.MAX_VALUE + 1,
          1L << 53,
          (1L << 53) + 1,
          Long.MAX_VALUE,
          Long.MIN_VALUE);

  /**
   * Strings at the edges: empty, blank, 100,000 characters (ASCII, and surrogate pairs), lone and
   * reversed surrogates, control and format characters, non-BMP characters, noncharacters.
   */
  public static final List<String> EDGE_STRINGS =
      List.of(
          "",
          " ",
          "a".repeat(100_000),
          "\uD83D\uDE00".repeat(50_000),
          "\uD800",
          "\uDFFF",
          "a\uDC00b",
          "\uDC00\uD800",
          "\u0000",
          "\u0000\u0001\u0007\b\t\n\u000B\f\r\u001B\u007F\u0085",
          "\r\n\u2028\u2029",
          "\u202Eevil\u202C",
          "\uFEFF",
          "\uD835\uDD38\uD83D\uDE00\uDBFF\uDFFF",
          "e\u0301\u0301\u0301",
          "\uFFFE\uFFFF",
          "%s%n${x}\\");

  private Hostile() {}

  /** {@link #EDGE_DOUBLES} half the time, {@link #finiteDoubles} otherwise. */
  public static Gen<Double> doubles() {
    return Gen.frequency(Weighted.of(1, Gen.of(EDGE_DOUBLES)), Weighted.of(1, finiteDoubles()));
  }

  /**
   * Finite doubles of every magnitude: half from random bits (any exponent, subnormals included),
   * half between -1000 and 1000.
   */
  public static Gen<Double> finiteDoubles() {
    Gen<Double> anyBits =
        random -> {
          double value;
          do {
            value = Double.longBitsToDouble(random.nextLong());
          } while (!Double.isFinite(value)); // one draw in 2048 is not finite
          return value;
        };
    return Gen.oneOf(anyBits, Gens.doubles(-1_000, 1_000));
  }

  /** {@link #EDGE_LONGS} half the time, any long otherwise. */
  public static Gen<Long> longs() {
    return Gen.frequency(
        Weighted.of(1, Gen.of(EDGE_LONGS)),
        Weighted.of(1, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE)));
  }

  /**
   * {@link #EDGE_STRINGS} half the time, otherwise up to 64 characters mixing ASCII, control
   * characters, lone surrogates, non-BMP characters (surrogate pairs) and any BMP character.
   */
  public static Gen<String> strings() {
    return Gen.frequency(Weighted.of(1, Gen.of(EDGE_STRINGS)), Weighted.of(1, mixedStrings(64)));
  }

  private static Gen<String> mixedStrings(int maxLength) {
    Gen<Integer> lengths = Gens.ints(0, maxLength);
    Gen<String> pieces =
        Gen.oneOf(
            Gens.ints(0x20, 0x7E).map(Character::toString),
            Gens.ints(0x00, 0x1F).map(Character::toString),
            Gens.ints(0xD800, 0xDFFF).map(Character::toString),
            Gens.ints(0x10000, Character.MAX_CODE_POINT).map(Character::toString),
            Gens.ints(0, 0xFFFF).map(Character::toString));
    return random -> {
      int length = lengths.next(random);
      StringBuilder text = new StringBuilder(length + 1);
      while (text.length() < length) {
        text.append(pieces.next(random));
      }
      text.setLength(length); // the last piece may be a surrogate pair one character too long
      return text.toString();
    };
  }
}
