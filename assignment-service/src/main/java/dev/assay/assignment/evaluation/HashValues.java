package dev.assay.assignment.evaluation;

import dev.assay.assignment.targeting.JsValues;
import org.jspecify.annotations.Nullable;

/**
 * The string a unit is hashed by, as GrowthBook's JavaScript SDK makes it ({@code value + ""}): a
 * JavaScript-falsy value ("", 0, false, null, missing) cannot place the unit.
 */
final class HashValues {
  private HashValues() {}

  /** The string to hash, or null when the value cannot place the unit. */
  static @Nullable String of(@Nullable Object value) {
    return JsValues.isTruthy(value) ? JsValues.toJsString(value) : null;
  }
}
