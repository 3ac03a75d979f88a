package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.targeting.Condition;
import java.util.List;

/** A feature flag prepared for the hot path: every rule's condition compiled once. */
public final class CompiledFlag implements CompiledDefinition<FeatureFlag> {
  private final FeatureFlag definition;
  private final List<Condition> ruleConditions;

  /** Compiles {@code definition}; throws InvalidConditionException for a bad condition. */
  public CompiledFlag(FeatureFlag definition) {
    this.definition = definition;
    this.ruleConditions =
        definition.rules().stream()
            .map(
                r ->
                    r.condition().isEmpty() ? Condition.always() : Condition.compile(r.condition()))
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
