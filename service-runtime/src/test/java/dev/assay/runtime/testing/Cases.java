package dev.assay.runtime.testing;

import java.util.Iterator;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a check over many seeded, generated inputs: the project's property-style (adversarial)
 * tests, on plain JUnit 5. A failure names the seed, the case and the input, so it can be repeated.
 *
 * <h2>How to write an adversarial test</h2>
 *
 * <p>In a plain JUnit {@code @Test} method, call {@link #forAll} with a name, a fixed seed (the
 * date you wrote the test will do), the number of cases, a generator and the check, which throws
 * (usually through a JUnit assertion) when an input is mishandled:
 *
 * <pre>{@code
 * Cases.forAll("malformed requests", 20261202L, 500, MalformedBytes.forMethods(methods),
 *     request -> MalformedRequests.assertRejected(channel, request));
 * }</pre>
 *
 * <p>Build generators from {@link Gens} (numbers in ranges, bytes, strings), {@link Hostile} (the
 * edge values that break trusting code) and the combinators of {@link Gen}; a lambda drawing from
 * other generators is a generator too. Bound every size: there is no shrinking, so the input a
 * failure reports is the input as generated, and a record with a readable {@code toString} makes it
 * easy to read.
 *
 * <p>Coming from a property-testing library: {@code Arbitrary<T>} is {@code Gen<T>}; {@code
 * Arbitraries.integers().between(a, b)} is {@code Gens.ints(a, b)}; {@code
 * Arbitraries.strings().ascii().ofMaxLength(n)} is {@code Gens.asciiStrings(0, n)}; {@code
 * Arbitraries.of}, {@code oneOf} and {@code frequencyOf} are {@link Gen#of}, {@link Gen#oneOf} and
 * {@link Gen#frequency}; {@code Combinators.combine(a, b).as(f)} is {@code Gen.combine(a, b, f)};
 * {@code list().ofMinSize(m).ofMaxSize(n)} is {@code list(m, n)}; {@code sampleStream()} is {@code
 * samples(seed)}. A {@code @Property(tries = n, seed = "s")} method with a {@code @ForAll("p")}
 * parameter becomes a {@code @Test} calling {@code forAll(name, s, n, p(), check)};
 * {@code @Example} is {@code @Test}; {@code @BeforeContainer} and {@code @AfterContainer} are
 * {@code @BeforeAll} and {@code @AfterAll}; an assumption becomes a {@link Gen#filter} or, better,
 * a generator of valid values.
 *
 * <p>Each case draws from its own random (see {@link Gen#samples}), so raising the number of cases
 * never changes the earlier ones. For a longer run, {@code -Dassay.adversarial.tries=100000} makes
 * every {@code forAll} run that many cases instead of its own count, and {@code
 * -Dassay.adversarial.seed=N} replaces every seed, to explore other inputs.
 */
public final class Cases {
  /** The system property that replaces every {@code forAll}'s number of cases. */
  public static final String TRIES_PROPERTY = "assay.adversarial.tries";

  /** The system property that replaces every {@code forAll}'s seed. */
  public static final String SEED_PROPERTY = "assay.adversarial.seed";

  private Cases() {}

  /**
   * Runs {@code check} on {@code tries} inputs of {@code gen} drawn from {@code seed} (or the
   * numbers the system properties give), stopping at the first failure. The failure is an {@link
   * AssertionError} naming {@code name}, the seed, the case index and the input (shortened), caused
   * by what the check (or the generator) threw.
   */
  public static <T> void forAll(
      String name, long seed, int tries, Gen<T> gen, Consumer<? super T> check) {
    if (tries < 1) {
      throw new IllegalArgumentException(name + ": tries must be 1 or more, was " + tries);
    }
    run(
        name,
        seed(seed, System.getProperty(SEED_PROPERTY)),
        tries(tries, System.getProperty(TRIES_PROPERTY)),
        gen,
        check);
  }

  /** {@link #forAll} with exactly this seed and number of cases, whatever the properties say. */
  static <T> void run(String name, long seed, int tries, Gen<T> gen, Consumer<? super T> check) {
    String ofRun = " of " + tries + " (seed " + seed + ")";
    Iterator<T> inputs = gen.samples(seed).iterator();
    for (int index = 0; index < tries; index++) {
      T input;
      try {
        input = inputs.next();
      } catch (RuntimeException | Error failure) {
        throw new AssertionError(name + ": could not generate case " + index + ofRun, failure);
      }
      try {
        check.accept(input);
      } catch (RuntimeException | Error failure) {
        throw new AssertionError(
            name
                + ": failed on case "
                + index
                + ofRun
                + "\ninput: "
                + InputText.describe(input)
                + "\nbecause: "
                + shortened(String.valueOf(failure)),
            failure);
      }
    }
  }

  /** {@code text}, cut after {@link InputText#MAX_CHARS} characters: the cause has the rest. */
  private static String shortened(String text) {
    if (text.length() <= InputText.MAX_CHARS) {
      return text;
    }
    return text.substring(0, InputText.MAX_CHARS) + "... (" + text.length() + " characters)";
  }

  /** The number of cases: {@code declared}, unless {@code override} gives one (1 or more). */
  static int tries(int declared, @Nullable String override) {
    if (override == null || override.isBlank()) {
      return declared;
    }
    String problem = TRIES_PROPERTY + " must be a whole number from 1, was '" + override + "'";
    int tries;
    try {
      tries = Integer.parseInt(override.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(problem, e);
    }
    if (tries < 1) {
      throw new IllegalArgumentException(problem);
    }
    return tries;
  }

  /** The seed: {@code declared}, unless {@code override} gives one. */
  static long seed(long declared, @Nullable String override) {
    if (override == null || override.isBlank()) {
      return declared;
    }
    try {
      return Long.parseLong(override.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SEED_PROPERTY + " must be a whole number, was '" + override + "'", e);
    }
  }
}
