package dev.assay.assignment.definitions;

import java.util.regex.Pattern;

/** The documented limits every definition, override and request is validated against. */
public final class Limits {
  private Limits() {}

  /** Keys of experiments, flags and variations. */
  public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public static final int MAX_VARIATIONS = 100;
  public static final int MAX_RULES = 100;
  public static final int MAX_ROLLOUT_STEPS = 100;
  public static final int MAX_TEXT = 1024;
  public static final int MAX_UNIT_ID = 256;
  public static final int MAX_KEYS_PER_EVALUATION = 1000;
  public static final int MAX_UNITS_PER_BATCH = 1000;
  public static final int MAX_BULK_OVERRIDES = 10_000;
  public static final int MAX_PREVIEW_UNITS = 10_000;

  /** Tolerance on weights summing to 1 (and explicit ranges matching their weight). */
  public static final double WEIGHT_TOLERANCE = 1e-6;

  /** Whether {@code key} is a valid experiment, flag or variation key. */
  public static boolean isValidKey(String key) {
    return KEY.matcher(key).matches();
  }

  /** Whether {@code unitId} is a valid unit id. */
  public static boolean isValidUnitId(String unitId) {
    return !unitId.isEmpty() && unitId.length() <= MAX_UNIT_ID;
  }
}
