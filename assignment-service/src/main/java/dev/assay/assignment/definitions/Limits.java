package dev.assay.assignment.definitions;

import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The documented limits every definition, override and request is validated against, and the field
 * rules the validators share, so that each rule and its message is written once.
 */
public final class Limits {
  private Limits() {}

  /** Keys of experiments, flags and variations. */
  public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public static final int MAX_VARIATIONS = 100;
  public static final int MAX_RULES = 100;
  public static final int MAX_ROLLOUT_STEPS = 100;

  /** Names, descriptions and reasons. */
  public static final int MAX_TEXT = 1024;

  /** Hash attributes, namespace ids and rule ids. */
  public static final int MAX_IDENTIFIER = 128;

  /** Hashing seeds, unit ids and who set an override. */
  public static final int MAX_UNIT_ID = 256;

  /**
   * Regular expressions ({@code $regex}, {@code $regexi}) in all the rule conditions of one flag
   * (one condition may hold at most 8): with the bound on each match, this bounds the matching work
   * of evaluating one flag.
   */
  public static final int MAX_REGEXES_PER_FLAG = 16;

  /** Bucket ranges of one variation (edits split ranges; a few per edit is usual). */
  public static final int MAX_RANGES_PER_VARIATION = 1000;

  /** Paths in an update mask (there are at most 12 writable fields). */
  public static final int MAX_MASK_PATHS = 100;

  /** Characters of a page token (the tokens Assay hands out are far shorter). */
  public static final int MAX_PAGE_TOKEN = 1024;

  /** Characters of the caller's input an error message repeats; the rest is elided. */
  public static final int MAX_ECHO = 64;

  /** Violations reported for the elements of one list; later bad elements are not listed. */
  public static final int MAX_ELEMENT_VIOLATIONS = 20;

  public static final int MAX_KEYS_PER_EVALUATION = 1000;
  public static final int MAX_UNITS_PER_BATCH = 1000;
  public static final int MAX_BULK_OVERRIDES = 10_000;
  public static final int MAX_PREVIEW_UNITS = 10_000;

  /** Tolerance on weights summing to 1 (and explicit ranges matching their weight). */
  public static final double WEIGHT_TOLERANCE = 1e-6;

  /**
   * Caller input as an error message may repeat it: at most {@link #MAX_ECHO} characters, then an
   * ellipsis and the full length, so a huge input never becomes a huge error; an unpaired surrogate
   * becomes U+FFFD, so the message is valid UTF-8 on the wire.
   */
  public static String echo(String input) {
    int end = Math.min(input.length(), MAX_ECHO);
    if (end < input.length() && Character.isHighSurrogate(input.charAt(end - 1))) {
      end--;
    }
    StringBuilder shown = new StringBuilder(end + 32);
    for (int i = 0; i < end; i++) {
      char c = input.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(input.charAt(i + 1))) {
        shown.append(c).append(input.charAt(++i));
      } else {
        shown.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    if (end < input.length()) {
      shown.append("…(").append(input.length()).append(" characters)");
    }
    return shown.toString();
  }

  /** Whether {@code key} is a valid experiment, flag or variation key. */
  public static boolean isValidKey(String key) {
    return KEY.matcher(key).matches();
  }

  /** Whether {@code unitId} is a valid unit id. */
  public static boolean isValidUnitId(String unitId) {
    return !unitId.isEmpty() && unitId.length() <= MAX_UNIT_ID && isUnicode(unitId);
  }

  /**
   * Whether {@code text} is valid Unicode: no unpaired surrogate, which protobuf strings (UTF-8)
   * cannot carry, so a stored one would silently change.
   */
  public static boolean isUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Records a violation unless {@code key} is a valid key. */
  public static void checkKey(Violations v, String key, String field) {
    v.check(!isValidKey(key), field, "must be 1-128 characters of [A-Za-z0-9_.-]");
  }

  /** Throws a ValidationException unless {@code key} is a valid key; returns it. */
  public static String requireKey(String key, String field) {
    Violations v = new Violations();
    checkKey(v, key, field);
    v.throwIfAny();
    return key;
  }

  /** Records a violation unless {@code unitId} is a valid unit id. */
  public static void checkUnitId(Violations v, String unitId, String field) {
    v.check(
        !isValidUnitId(unitId),
        field,
        "must be 1-"
            + MAX_UNIT_ID
            + " characters of valid Unicode, got "
            + unitId.length()
            + " characters");
  }

  /**
   * Records a violation when {@code text} is longer than {@code max} characters or is not valid
   * Unicode.
   */
  public static void checkLength(Violations v, String text, int max, String field) {
    if (text.length() > max) {
      v.add(field, "must be at most " + max + " characters");
    } else if (!isUnicode(text)) {
      v.add(field, "must be valid Unicode (an unpaired surrogate cannot be stored)");
    }
  }

  /**
   * Records a violation unless there are {@code min} to {@code max} unit ids, and one for each of
   * the first {@link #MAX_ELEMENT_VIOLATIONS} invalid ids ({@code field[i]}).
   */
  public static void checkUnitIds(
      Violations v, List<String> unitIds, int min, int max, String field) {
    int count = unitIds.size();
    v.check(
        count < min || count > max,
        field,
        (min == 0 ? "at most " : "needs " + min + " to ")
            + String.format(Locale.ROOT, "%,d", max)
            + " unit ids, got "
            + count);
    int reported = 0;
    for (int i = 0; i < count && reported < MAX_ELEMENT_VIOLATIONS; i++) {
      if (!isValidUnitId(unitIds.get(i))) {
        checkUnitId(v, unitIds.get(i), field + "[" + i + "]");
        reported++;
      }
    }
  }

  /** Records a violation unless {@code value} is in [0, 1] (NaN is not). */
  public static void checkFraction(Violations v, double value, String field) {
    v.check(!(value >= 0 && value <= 1), field, "must be in [0, 1], got " + value);
  }
}
