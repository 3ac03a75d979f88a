package dev.assay.assignment;

import dev.assay.assignment.api.AssignmentApi;
import dev.assay.assignment.api.SeedAudit;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.evaluation.Evaluator;
import dev.assay.assignment.evaluation.ExposureSink;
import dev.assay.assignment.overrides.OverrideRegistry;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.seeding.DefinitionSeeder;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.audit.InMemoryAuditLog;
import io.grpc.BindableService;
import java.time.Clock;
import java.util.List;

/**
 * The assignment domain over one store and one replica's state, and the gRPC services in front of
 * it: what {@link AssignmentServer#main} serves, and what tests and benchmarks wire the same way.
 *
 * @param experiments creates, edits and lists experiments
 * @param flags creates, edits and lists feature flags
 * @param overrides sets and lists per-unit overrides
 * @param evaluator evaluates from the replica's state only
 * @param audit where the services and the seeder record every write
 * @param services the gRPC adapters, for {@code GrpcServer.Builder.addServices}
 */
public record AssignmentDomain(
    ExperimentCatalog experiments,
    FlagCatalog flags,
    OverrideRegistry overrides,
    Evaluator evaluator,
    AuditTrail audit,
    List<BindableService> services) {

  /**
   * Wires the domain: writes go to {@code store}, reads come from {@code state}, every write is
   * recorded in {@code audit}, every assignment evaluations make is told to {@code exposures}.
   */
  public static AssignmentDomain wire(
      AssignmentStore store,
      ReplicaState state,
      Clock clock,
      AuditTrail audit,
      ExposureSink exposures) {
    ExperimentCatalog experiments = new ExperimentCatalog(store, state, clock);
    FlagCatalog flags = new FlagCatalog(store, state, clock);
    OverrideRegistry overrides = new OverrideRegistry(store, state, clock);
    Evaluator evaluator = new Evaluator(state, state, clock, exposures);
    return new AssignmentDomain(
        experiments,
        flags,
        overrides,
        evaluator,
        audit,
        AssignmentApi.services(evaluator, experiments, flags, overrides, audit));
  }

  /** Wires the domain without recording exposures. */
  public static AssignmentDomain wire(
      AssignmentStore store, ReplicaState state, Clock clock, AuditTrail audit) {
    return wire(store, state, clock, audit, ExposureSink.NONE);
  }

  /**
   * Wires the domain with an audit trail kept in this process (benchmarks, tests that do not look
   * at the trail).
   */
  public static AssignmentDomain wire(AssignmentStore store, ReplicaState state, Clock clock) {
    return wire(store, state, clock, new AuditTrail(new InMemoryAuditLog(), "assignment", clock));
  }

  /** Seeds definitions files through the catalogs, recording what it creates. */
  public DefinitionSeeder seeder() {
    return new DefinitionSeeder(experiments, flags, new SeedAudit(audit));
  }
}
