package dev.assay.runtime.config;

import java.time.Duration;

/** The range checks settings share; each failure names the flag and the allowed range. */
public final class SettingRules {
  private SettingRules() {}

  /** A TCP port: 0 (any free port) to 65535. */
  public static int port(String flag, int value) {
    return intInRange(flag, value, 0, 65_535);
  }

  /** An integer in {@code [min, max]}. */
  public static int intInRange(String flag, int value, int min, int max) {
    if (value < min || value > max) {
      throw InvalidSettingsException.forSetting(
          flag, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** A duration in {@code [min, max]}. */
  public static Duration durationInRange(String flag, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw InvalidSettingsException.forSetting(
          flag, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** A duration greater than zero. */
  public static Duration positive(String flag, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw InvalidSettingsException.forSetting(flag, "must be greater than zero, got " + value);
    }
    return value;
  }
}
