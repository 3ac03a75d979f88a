package dev.assay.assignment.overrides;

/** The experiment or flag an override applies to. */
public record OverrideTarget(Kind kind, String key) {
  /** What kind of definition. */
  public enum Kind {
    EXPERIMENT,
    FLAG
  }

  /** An experiment target. */
  public static OverrideTarget experiment(String key) {
    return new OverrideTarget(Kind.EXPERIMENT, key);
  }

  /** A flag target. */
  public static OverrideTarget flag(String key) {
    return new OverrideTarget(Kind.FLAG, key);
  }
}
