package dev.assay.assignment.api;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagRule;
import dev.assay.assignment.definitions.NamespaceSlice;
import dev.assay.runtime.security.Caller;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a caller limited to projects (key prefixes) may reach besides the key it names: the keys it
 * lists for evaluation, and the references a definition it writes makes to other definitions. A
 * restricted token must not reach another project's experiments through these side doors (see
 * docs/security.md, "Assignment service").
 */
final class ProjectAccess {
  private ProjectAccess() {}

  /** Refuses any listed key outside the caller's projects, naming it as {@code field[i]}. */
  static void requireKeys(Caller caller, List<String> keys, String field) {
    if (caller.projects().isEmpty()) {
      return;
    }
    for (int i = 0; i < keys.size(); i++) {
      caller.requireAccess(keys.get(i), field + "[" + i + "]");
    }
  }

  /**
   * A namespace is shared by every experiment that names it, whatever its project: joining one
   * would take units from (or overlap) another project's slices, so a restricted caller may only
   * name namespaces within its projects. A namespace the experiment already had (set by an
   * unrestricted caller) may stay.
   */
  static void checkExperiment(Caller caller, @Nullable Experiment before, Experiment after) {
    NamespaceSlice namespace = after.namespace();
    if (namespace == null || caller.projects().isEmpty()) {
      return;
    }
    NamespaceSlice previous = before == null ? null : before.namespace();
    if (previous == null || !Objects.equals(previous.id(), namespace.id())) {
      caller.requireAccess(namespace.id(), "experiment.namespace.id");
    }
  }

  /**
   * An experiment rule serves values by another experiment's assignment: pointing one at another
   * project's experiment would reveal its existence (the rule is validated against it) and its
   * assignments. A restricted caller may only add rules on experiments within its projects; rules
   * the flag already had may stay.
   */
  static void checkFlag(Caller caller, @Nullable FeatureFlag before, FeatureFlag after) {
    if (caller.projects().isEmpty()) {
      return;
    }
    Set<String> existing = new HashSet<>();
    if (before != null) {
      for (FlagRule rule : before.rules()) {
        if (rule instanceof FlagRule.ExperimentValues values) {
          existing.add(values.experimentKey());
        }
      }
    }
    for (int i = 0; i < after.rules().size(); i++) {
      if (after.rules().get(i) instanceof FlagRule.ExperimentValues values
          && !existing.contains(values.experimentKey())) {
        caller.requireAccess(
            values.experimentKey(), "flag.rules[" + i + "].experiment.experiment_key");
      }
    }
  }
}
