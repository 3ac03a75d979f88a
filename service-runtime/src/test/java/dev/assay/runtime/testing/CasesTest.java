package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner runs the cases it is told to, and a failure says how to get its input back. */
class CasesTest {
  private static final Gen<Integer> NUMBERS = Gens.ints(0, 1_000);

  @Test
  void runsEachCaseOnceInSampleOrder() {
    List<Integer> checked = new ArrayList<>();
    Cases.run("all pass", 42, 37, NUMBERS, checked::add);
    assertEquals(NUMBERS.samples(42).limit(37).toList(), checked);
  }

  @Test
  void aFailureReportsTheNameSeedCaseAndInput() {
    List<Integer> inputs = NUMBERS.samples(42).limit(500).toList();
    int firstBig = 0;
    while (inputs.get(firstBig) <= 900) {
      firstBig++;
    }
    AssertionError cause = new AssertionError("too big");

    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                Cases.run(
                    "numbers stay small",
                    42,
                    500,
                    NUMBERS,
                    n -> {
                      if (n > 900) {
                        throw cause;
                      }
                    }));

    String report = failure.getMessage();
    assertTrue(
        report.startsWith("numbers stay small: failed on case " + firstBig + " of 500 (seed 42)\n"),
        report);
    assertTrue(report.contains("\ninput: " + inputs.get(firstBig) + "\n"), report);
    assertTrue(report.contains("because: java.lang.AssertionError: too big"), report);
    assertSame(cause, failure.getCause());
  }

  @Test
  void aHugeOrUnprintableInputIsReportedShortAndPrintable() {
    String huge = "\u0000\uD800" + "x".repeat(100_000);

    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () ->
                Cases.run(
                    "huge",
                    1,
                    1,
                    Gen.constant(huge),
                    s -> {
                      throw new IllegalStateException("refused " + s);
                    }));

    String report = failure.getMessage();
    assertTrue(report.length() < 1_500, report.length() + " characters");
    assertTrue(report.contains("input: 100002 chars: \"\\u0000\\uD800xxx"), report);
    assertTrue(report.contains("... (100018 characters)"), report);
    assertInstanceOf(IllegalStateException.class, failure.getCause());
  }

  @Test
  void aGeneratorThatCannotProduceAValueIsReportedWithTheCase() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> Cases.run("impossible", 7, 10, NUMBERS.filter(n -> n < 0), n -> {}));

    assertEquals("impossible: could not generate case 0 of 10 (seed 7)", failure.getMessage());
    assertInstanceOf(IllegalStateException.class, failure.getCause());
  }

  @Test
  void forAllWithNoCasesIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Cases.forAll("none", 1, 0, NUMBERS, n -> {}));
  }

  @Test
  void thePropertiesReplaceTheDeclaredTriesAndSeed() {
    assertEquals(500, Cases.tries(500, null));
    assertEquals(500, Cases.tries(500, " "));
    assertEquals(100_000, Cases.tries(500, "100000"));
    assertThrows(IllegalArgumentException.class, () -> Cases.tries(500, "0"));
    assertThrows(IllegalArgumentException.class, () -> Cases.tries(500, "lots"));

    assertEquals(20261202L, Cases.seed(20261202L, null));
    assertEquals(-5L, Cases.seed(20261202L, "-5"));
    assertThrows(IllegalArgumentException.class, () -> Cases.seed(1, "0x10"));
  }
}
