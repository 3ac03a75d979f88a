package dev.assay.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A generator of test inputs: a function of a seeded {@link SplittableRandom}, so the same seed
 * always gives the same values. Compose generators with the methods here and the ranges of {@link
 * Gens} and {@link Hostile}; run a check over many of them with {@link Cases#forAll}.
 *
 * <p>A generator may also be written as a lambda that draws from others, which is often the
 * clearest way to combine several: {@code random -> new Point(xs.next(random), ys.next(random))}.
 *
 * @param <T> the type of the generated values
 */
@FunctionalInterface
public interface Gen<T> {
  /** How many values in a row {@link #filter} may reject before it gives up. */
  int MAX_FILTER_MISSES = 10_000;

  /** The next value, drawn from {@code random} only. */
  T next(SplittableRandom random);

  /**
   * An endless stream of values for {@code seed}: the i-th is the input of case i of {@link
   * Cases#forAll} with the same seed. Each value draws from its own random, seeded with the i-th
   * long of {@code new SplittableRandom(seed)}, so one value never shifts the next.
   */
  default Stream<T> samples(long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    return Stream.generate(() -> next(new SplittableRandom(seeds.nextLong())));
  }

  /** Values of this generator passed through {@code mapper}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
    return random -> mapper.apply(next(random));
  }

  /** Values of the generator {@code chooser} picks for each value of this one. */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> chooser) {
    return random -> chooser.apply(next(random)).next(random);
  }

  /**
   * Only the values that satisfy {@code wanted}. Fails with {@link IllegalStateException} after
   * {@link #MAX_FILTER_MISSES} rejected values in a row, rather than looping forever: generate what
   * you want directly when most values would be rejected.
   */
  default Gen<T> filter(Predicate<? super T> wanted) {
    return random -> {
      for (int misses = 0; misses < MAX_FILTER_MISSES; misses++) {
        T value = next(random);
        if (wanted.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException(
          "filter rejected " + MAX_FILTER_MISSES + " values in a row; generate valid ones instead");
    };
  }

  /** Lists of {@code minSize} to {@code maxSize} values (both inclusive) of this generator. */
  default Gen<List<T>> list(int minSize, int maxSize) {
    Gen<Integer> sizes = Gens.ints(minSize, maxSize);
    return random -> {
      int size = sizes.next(random);
      List<T> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(next(random));
      }
      return values;
    };
  }

  /**
   * Arrays of {@code minSize} to {@code maxSize} values of this generator; {@code newArray} is the
   * array constructor, e.g. {@code String[]::new}. For primitive arrays see {@link Gens#bytes} and
   * {@link Gens#doubleArrays}.
   */
  default Gen<T[]> array(IntFunction<T[]> newArray, int minSize, int maxSize) {
    return list(minSize, maxSize).map(values -> values.toArray(newArray.apply(0)));
  }

  /** Always {@code value}. */
  static <T> Gen<T> constant(T value) {
    return random -> value;
  }

  /** One of {@code values}, each equally likely. */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> choices = new ArrayList<>(values.length);
    for (T value : values) {
      choices.add(value);
    }
    return of(choices);
  }

  /** One of {@code values}, each equally likely. */
  static <T> Gen<T> of(List<? extends T> values) {
    List<? extends T> choices = List.copyOf(values);
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("no values to choose from");
    }
    return random -> choices.get(random.nextInt(choices.size()));
  }

  /** A value of one of {@code gens}, each generator equally likely. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> choices = new ArrayList<>(gens.length);
    for (Gen<? extends T> gen : gens) {
      choices.add(gen);
    }
    return oneOf(choices);
  }

  /** A value of one of {@code gens}, each generator equally likely. */
  static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
    Gen<? extends Gen<? extends T>> chosen = of(gens);
    return random -> chosen.next(random).next(random);
  }

  /** A value of one of {@code choices}, each chosen in proportion to its weight. */
  @SafeVarargs
  static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> list = new ArrayList<>(choices.length);
    for (Weighted<? extends T> choice : choices) {
      list.add(choice);
    }
    return frequency(list);
  }

  /** A value of one of {@code choices}, each chosen in proportion to its weight. */
  static <T> Gen<T> frequency(List<? extends Weighted<? extends T>> choices) {
    List<? extends Weighted<? extends T>> list = List.copyOf(choices);
    long sum = list.stream().mapToLong(Weighted::weight).sum();
    if (sum <= 0 || sum > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the weights must add up to 1.." + Integer.MAX_VALUE);
    }
    int total = (int) sum;
    return random -> {
      int ticket = random.nextInt(total);
      for (Weighted<? extends T> choice : list) {
        ticket -= choice.weight();
        if (ticket < 0) {
          return choice.gen().next(random);
        }
      }
      throw new AssertionError("unreachable: the tickets add up to the total weight");
    };
  }

  /** {@code combiner} applied to a value of {@code first} and one of {@code second}. */
  static <A, B, R> Gen<R> combine(
      Gen<A> first, Gen<B> second, BiFunction<? super A, ? super B, ? extends R> combiner) {
    return random -> combiner.apply(first.next(random), second.next(random));
  }

  /** {@code combiner} applied to a value of each of three generators, drawn in order. */
  static <A, B, C, R> Gen<R> combine(
      Gen<A> first, Gen<B> second, Gen<C> third, Combiner3<A, B, C, R> combiner) {
    return random -> combiner.apply(first.next(random), second.next(random), third.next(random));
  }

  /** A function of three values, for {@link #combine(Gen, Gen, Gen, Combiner3)}. */
  @FunctionalInterface
  interface Combiner3<A, B, C, R> {
    /** The combined value. */
    R apply(A first, B second, C third);
  }

  /**
   * A generator and its weight, for {@link #frequency}.
   *
   * @param weight how often {@code gen} is chosen relative to the others; zero or more
   * @param gen the generator
   */
  record Weighted<T>(int weight, Gen<T> gen) {
    /** Checks the weight. */
    public Weighted {
      if (weight < 0) {
        throw new IllegalArgumentException("weight must be 0 or more, was " + weight);
      }
    }

    /** {@code gen} chosen with {@code weight}. */
    public static <T> Weighted<T> of(int weight, Gen<T> gen) {
      return new Weighted<>(weight, gen);
    }
  }
}
