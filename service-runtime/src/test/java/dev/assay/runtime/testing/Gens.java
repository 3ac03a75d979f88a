package dev.assay.runtime.testing;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generators of numbers in ranges, and of byte arrays, double arrays and strings of bounded size.
 * Numbers are uniform in their range except that one value in eight is an edge of it (a bound, or
 * zero where the range holds it): bugs live at the edges, and a uniform draw from a wide range
 * almost never lands on one.
 */
public final class Gens {
  /** One value in this many is an edge of its range. */
  private static final int EDGE_ONE_IN = 8;

  private Gens() {}

  /** Ints from {@code min} to {@code max}, both inclusive. */
  public static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /** Longs from {@code min} to {@code max}, both inclusive. */
  public static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
    List<Long> edges = List.of(min, max, min <= 0 && 0 <= max ? 0L : min);
    return random -> {
      if (random.nextInt(EDGE_ONE_IN) == 0) {
        return edges.get(random.nextInt(edges.size()));
      }
      if (max < Long.MAX_VALUE) {
        return random.nextLong(min, max + 1);
      }
      return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    };
  }

  /** Finite doubles from {@code min} to {@code max}, both inclusive. */
  public static Gen<Double> doubles(double min, double max) {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
      throw new IllegalArgumentException("not a finite range: " + min + ".." + max);
    }
    List<Double> edges = List.of(min, max, min <= 0 && 0 <= max ? 0.0 : min);
    return random -> {
      if (random.nextInt(EDGE_ONE_IN) == 0) {
        return edges.get(random.nextInt(edges.size()));
      }
      // Weighted sum rather than min + (max - min) * r: max - min overflows for wide ranges.
      double r = random.nextDouble();
      double value = min * (1 - r) + max * r;
      return Math.min(max, Math.max(min, value));
    };
  }

  /** {@code true} or {@code false}, equally likely. */
  public static Gen<Boolean> booleans() {
    return SplittableRandom::nextBoolean;
  }

  /** Byte arrays of {@code minSize} to {@code maxSize} random bytes. */
  public static Gen<byte[]> bytes(int minSize, int maxSize) {
    Gen<Integer> sizes = ints(minSize, maxSize);
    return random -> {
      byte[] bytes = new byte[sizes.next(random)];
      random.nextBytes(bytes);
      return bytes;
    };
  }

  /** Double arrays of {@code minSize} to {@code maxSize} values of {@code elements}. */
  public static Gen<double[]> doubleArrays(Gen<Double> elements, int minSize, int maxSize) {
    return elements
        .list(minSize, maxSize)
        .map(values -> values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Strings of {@code minLength} to {@code maxLength} characters from 0 to 127 (ASCII). */
  public static Gen<String> asciiStrings(int minLength, int maxLength) {
    return strings(ints(0, 127).map(c -> (char) c.intValue()), minLength, maxLength);
  }

  /** Strings of {@code minLength} to {@code maxLength} characters of {@code chars}. */
  public static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
    Gen<Integer> lengths = ints(minLength, maxLength);
    return random -> {
      int length = lengths.next(random);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(chars.next(random).charValue());
      }
      return text.toString();
    };
  }
}
