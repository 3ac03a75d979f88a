package dev.assay.analysis.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The agreement required with scipy / statsmodels: relative 1e-9, plus an absolute 1e-15 so that
 * values that are exactly 0 in the reference compare sensibly.
 */
public final class Tolerance {
  /** Relative tolerance against the reference. */
  public static final double RELATIVE = 1e-9;

  private static final double ABSOLUTE = 1e-15;

  private Tolerance() {}

  /** Asserts {@code actual} matches {@code expected} to the tolerance. */
  public static void assertClose(double expected, double actual, String what) {
    assertTrue(
        Double.isFinite(actual)
            && Math.abs(actual - expected) <= RELATIVE * Math.abs(expected) + ABSOLUTE,
        () ->
            what
                + ": expected "
                + expected
                + " but got "
                + actual
                + " (relative error "
                + Math.abs(actual - expected) / Math.abs(expected)
                + ")");
  }

  /** Asserts {@code actual} matches the number {@code expected.get(field)}. */
  public static void assertClose(JsonNode expected, String field, double actual) {
    assertClose(expected.get(field).asDouble(), actual, field);
  }
}
