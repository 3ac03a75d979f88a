package dev.assay.assignment.api;

import dev.assay.assignment.definitions.Definition;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.security.Caller;
import java.util.function.Consumer;

/**
 * Records the definitions created from the definitions file at start: no caller made them, so the
 * actor is {@code system:definitions-file} and the method is empty.
 */
public final class SeedAudit implements Consumer<Definition<?>> {
  /** The actor of seeded definitions. */
  public static final Caller SEEDER = Caller.system("definitions-file");

  private final AuditTrail audit;

  /** Records to {@code audit}. */
  public SeedAudit(AuditTrail audit) {
    this.audit = audit;
  }

  @Override
  public void accept(Definition<?> created) {
    String reason = "created from --definitions-file at start";
    if (created instanceof Experiment experiment) {
      audit.record(
          SEEDER,
          "",
          reason,
          "experiment",
          experiment.key(),
          null,
          ExperimentMapper.toProto(experiment));
    } else if (created instanceof FeatureFlag flag) {
      audit.record(SEEDER, "", reason, "flag", flag.key(), null, FlagMapper.toProto(flag));
    } else {
      throw new IllegalArgumentException("not a definition the file holds: " + created.key());
    }
  }
}
