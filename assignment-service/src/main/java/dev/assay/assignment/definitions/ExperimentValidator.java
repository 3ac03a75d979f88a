package dev.assay.assignment.definitions;

import dev.assay.assignment.targeting.Condition;
import dev.assay.assignment.targeting.InvalidConditionException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks an experiment definition and reports every bad field at once, named as in the contract
 * ({@code experiment.variations[1].weight}). A definition that passes evaluates exactly by the
 * GrowthBook specification.
 */
public final class ExperimentValidator {
  private ExperimentValidator() {}

  /** Throws ValidationException listing every violation. */
  public static void validate(Experiment e) {
    Violations v = new Violations();
    Limits.checkKey(v, e.key(), "experiment.key");
    Limits.checkLength(v, e.name(), Limits.MAX_TEXT, "experiment.name");
    checkVariations(e.variations(), v);
    Limits.checkFraction(v, e.coverage(), "experiment.coverage");
    Limits.checkLength(v, e.hashAttribute(), Limits.MAX_IDENTIFIER, "experiment.hash_attribute");
    Limits.checkLength(v, e.seed(), Limits.MAX_UNIT_ID, "experiment.seed");
    v.check(
        e.hashVersion() != 1 && e.hashVersion() != 2,
        "experiment.hash_version",
        "must be 1 or 2 (0 means 2), got " + e.hashVersion());
    checkCondition(v, e.condition(), "experiment.condition");
    checkNamespace(e.namespace(), v);
    v.check(
        e.rolledOutVariation() < -1 || e.rolledOutVariation() >= e.variations().size(),
        "experiment.rolled_out_variation",
        "must be -1 or a variation index in [0, "
            + (e.variations().size() - 1)
            + "], got "
            + e.rolledOutVariation());
    v.check(
        e.rolledOutVariation() >= 0 && e.status() != ExperimentStatus.STOPPED,
        "experiment.rolled_out_variation",
        "only a STOPPED experiment can roll a variation out");
    checkRanges(e, v);
    checkRollout(e.rollout(), v);
    AnalysisPlanValidator.check(v, e.analysis(), "experiment.analysis");
    v.throwIfAny();
  }

  /**
   * Throws ValidationException unless {@code proposed} keeps every variation of {@code current}
   * first and in order: variations can only be appended, so no unit's variation index changes.
   */
  public static void checkVariationsOnlyAppended(Experiment current, Experiment proposed) {
    List<String> before = current.variationKeys();
    List<String> after = proposed.variationKeys();
    if (after.size() < before.size() || !after.subList(0, before.size()).equals(before)) {
      throw ValidationException.of(
          "experiment.variations",
          "variations can only be appended: keep ["
              + String.join(", ", before)
              + "] first, in order (set a weight to 0 to retire one)");
    }
  }

  /**
   * Records a violation unless {@code condition} is within the JSON limits and compiles; returns
   * how many regular expressions it holds (0 when it is invalid).
   */
  static int checkCondition(Violations v, Map<String, Object> condition, String field) {
    Violations json = new Violations();
    JsonRules.DEFINITION.check(json, condition, field);
    if (!json.isEmpty()) {
      JsonRules.DEFINITION.check(v, condition, field);
      return 0; // compiling a condition beyond the limits is work the caller must not cause
    }
    try {
      return Condition.compile(condition).regexCount();
    } catch (InvalidConditionException bad) {
      v.add(field, bad.getMessage());
      return 0;
    }
  }

  private static void checkVariations(List<Variation> variations, Violations v) {
    if (variations.size() < 2 || variations.size() > Limits.MAX_VARIATIONS) {
      v.add("experiment.variations", "must have 2 to 100 variations, got " + variations.size());
      return;
    }
    Set<String> keys = new HashSet<>();
    double sum = 0;
    for (int i = 0; i < variations.size(); i++) {
      Variation variation = variations.get(i);
      String field = "experiment.variations[" + i + "]";
      Limits.checkKey(v, variation.key(), field + ".key");
      v.check(
          !keys.add(variation.key()),
          field + ".key",
          "duplicate variation key " + Limits.echo(variation.key()));
      Limits.checkFraction(v, variation.weight(), field + ".weight");
      JsonRules.DEFINITION.check(v, variation.payload(), field + ".payload");
      sum += variation.weight();
    }
    v.check(
        sum != 0 && Math.abs(sum - 1) > Limits.WEIGHT_TOLERANCE,
        "experiment.variations",
        "weights must sum to 1 (or all be 0 for equal weights), got " + sum);
  }

  private static void checkNamespace(@Nullable NamespaceSlice namespace, Violations v) {
    if (namespace == null) {
      return;
    }
    v.check(
        namespace.id().isEmpty()
            || namespace.id().length() > Limits.MAX_IDENTIFIER
            || !Limits.isUnicode(namespace.id()),
        "experiment.namespace.id",
        "must be 1-128 characters of valid Unicode");
    v.check(
        !(namespace.start() >= 0 && namespace.start() < namespace.end() && namespace.end() <= 1),
        "experiment.namespace",
        "needs 0 <= start < end <= 1, got [" + namespace.start() + ", " + namespace.end() + ")");
  }

  private static void checkRanges(Experiment e, Violations v) {
    List<List<Range>> ranges = e.explicitRanges();
    if (ranges.isEmpty()) {
      return;
    }
    if (ranges.size() != e.variations().size()) {
      v.add(
          "experiment.bucket_ranges",
          "needs one list per variation (" + e.variations().size() + "), got " + ranges.size());
      return;
    }
    List<Range> all = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      if (ranges.get(i).size() > Limits.MAX_RANGES_PER_VARIATION) {
        v.add(
            "experiment.bucket_ranges[" + i + "]",
            "at most " + Limits.MAX_RANGES_PER_VARIATION + " ranges, got " + ranges.get(i).size());
        return;
      }
    }
    for (int i = 0; i < ranges.size(); i++) {
      double width = 0;
      for (Range r : ranges.get(i)) {
        v.check(
            !(r.start() >= 0 && r.start() < r.end() && r.end() <= 1),
            "experiment.bucket_ranges[" + i + "]",
            "each range needs 0 <= start < end <= 1, got [" + r.start() + ", " + r.end() + ")");
        width += r.width();
        all.add(r);
      }
      double weight = e.variations().get(i).weight();
      v.check(
          Math.abs(width - weight) > Limits.WEIGHT_TOLERANCE,
          "experiment.bucket_ranges[" + i + "]",
          "ranges cover " + width + " but the variation's weight is " + weight);
    }
    all.sort(Comparator.comparingDouble(Range::start));
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).start() < all.get(i - 1).end() - 1e-12) {
        v.add("experiment.bucket_ranges", "ranges overlap at " + all.get(i).start());
        return; // one is enough to fix; listing thousands helps nobody
      }
    }
  }

  private static void checkRollout(List<RolloutStep> steps, Violations v) {
    if (steps.size() > Limits.MAX_ROLLOUT_STEPS) {
      v.add("experiment.rollout", "at most 100 steps, got " + steps.size());
      return;
    }
    for (int i = 0; i < steps.size(); i++) {
      RolloutStep step = steps.get(i);
      String field = "experiment.rollout[" + i + "]";
      v.check(step.startTime() == null, field + ".start_time", "is required");
      Limits.checkFraction(v, step.coverage(), field + ".coverage");
      Instant start = step.startTime();
      Instant previousStart = i == 0 ? null : steps.get(i - 1).startTime();
      if (start != null && previousStart != null) {
        double previousCoverage = steps.get(i - 1).coverage();
        v.check(
            !start.isAfter(previousStart),
            field + ".start_time",
            "must be after the previous step's");
        v.check(
            step.coverage() < previousCoverage,
            field + ".coverage",
            "must not be below the previous step's (" + previousCoverage + ")");
      }
    }
  }
}
