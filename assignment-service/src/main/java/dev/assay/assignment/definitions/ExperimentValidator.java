package dev.assay.assignment.definitions;

import dev.assay.assignment.targeting.Condition;
import dev.assay.assignment.targeting.InvalidConditionException;
import dev.assay.runtime.errors.Violations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    v.check(
        !Limits.isValidKey(e.key()),
        "experiment.key",
        "must be 1-128 characters of [A-Za-z0-9_.-]");
    v.check(
        e.name().length() > Limits.MAX_TEXT, "experiment.name", "must be at most 1024 characters");
    checkVariations(e.variations(), v);
    v.check(
        !(e.coverage() >= 0 && e.coverage() <= 1),
        "experiment.coverage",
        "must be in [0, 1], got " + e.coverage());
    v.check(
        e.hashAttribute().length() > 128,
        "experiment.hash_attribute",
        "must be at most 128 characters");
    v.check(e.seed().length() > 256, "experiment.seed", "must be at most 256 characters");
    v.check(
        e.hashVersion() != 1 && e.hashVersion() != 2,
        "experiment.hash_version",
        "must be 1 or 2 (0 means 2), got " + e.hashVersion());
    try {
      Condition.compile(e.condition());
    } catch (InvalidConditionException bad) {
      v.add("experiment.condition", bad.getMessage());
    }
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
    v.throwIfAny();
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
      v.check(
          !Limits.isValidKey(variation.key()),
          field + ".key",
          "must be 1-128 characters of [A-Za-z0-9_.-]");
      v.check(
          !keys.add(variation.key()), field + ".key", "duplicate variation key " + variation.key());
      v.check(
          !(variation.weight() >= 0 && variation.weight() <= 1),
          field + ".weight",
          "must be in [0, 1], got " + variation.weight());
      sum += variation.weight();
    }
    v.check(
        sum != 0 && Math.abs(sum - 1) > Limits.WEIGHT_TOLERANCE,
        "experiment.variations",
        "weights must sum to 1 (or all be 0 for equal weights), got " + sum);
  }

  private static void checkNamespace(NamespaceSlice namespace, Violations v) {
    if (namespace == null) {
      return;
    }
    v.check(
        namespace.id().isEmpty() || namespace.id().length() > 128,
        "experiment.namespace.id",
        "must be 1-128 characters");
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
      double width = 0;
      for (Range r : ranges.get(i)) {
        v.check(
            !(r.start() >= 0 && r.start() < r.end() && r.end() <= 1),
            "experiment.bucket_ranges[" + i + "]",
            "each range needs 0 <= start < end <= 1, got [" + r.start() + ", " + r.end() + ")");
        width += r.width();
        all.add(r);
      }
      if (i < e.variations().size()) {
        double weight = e.variations().get(i).weight();
        v.check(
            Math.abs(width - weight) > Limits.WEIGHT_TOLERANCE,
            "experiment.bucket_ranges[" + i + "]",
            "ranges cover " + width + " but the variation's weight is " + weight);
      }
    }
    all.sort(Comparator.comparingDouble(Range::start));
    for (int i = 1; i < all.size(); i++) {
      v.check(
          all.get(i).start() < all.get(i - 1).end() - 1e-12,
          "experiment.bucket_ranges",
          "ranges overlap at " + all.get(i).start());
    }
  }

  private static void checkRollout(List<RolloutStep> steps, Violations v) {
    v.check(steps.size() > Limits.MAX_ROLLOUT_STEPS, "experiment.rollout", "at most 100 steps");
    for (int i = 0; i < steps.size(); i++) {
      RolloutStep step = steps.get(i);
      String field = "experiment.rollout[" + i + "]";
      v.check(step.startTime() == null, field + ".start_time", "is required");
      v.check(
          !(step.coverage() >= 0 && step.coverage() <= 1),
          field + ".coverage",
          "must be in [0, 1], got " + step.coverage());
      if (i > 0 && step.startTime() != null && steps.get(i - 1).startTime() != null) {
        v.check(
            !step.startTime().isAfter(steps.get(i - 1).startTime()),
            field + ".start_time",
            "must be after the previous step's");
        v.check(
            step.coverage() < steps.get(i - 1).coverage(),
            field + ".coverage",
            "must not be below the previous step's (" + steps.get(i - 1).coverage() + ")");
      }
    }
  }
}
