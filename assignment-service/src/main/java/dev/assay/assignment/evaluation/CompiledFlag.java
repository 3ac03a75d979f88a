package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.targeting.Condition;
import java.util.List;

/** A feature flag prepared for the hot path: every rule's condition compiled once. */
public final class CompiledFlag implements CompiledDefinition<FeatureFlag> {
  private final FeatureFlag definition;
  private final List<Condition> ruleConditions;

  /**
   * Compiles {@code definition}; a rule condition that no longer compiles matches no unit (see
   * {@link StoredConditions}).
   */
  public CompiledFlag(FeatureFlag definition) {
    this.definition = definition;
    this.ruleConditions =
        definition.rules().stream()
            .map(r -> StoredConditions.compile(r.condition(), "flag " + definition.key()))
            .toList();
  }

  @Override
  public FeatureFlag definition() {
    return definition;
  }

  /** The compiled condition of rule {@code index}. */
  public Condition ruleCondition(int index) {
    return ruleConditions.get(index);
  }
}
