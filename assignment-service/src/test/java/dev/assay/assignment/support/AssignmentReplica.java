package dev.assay.assignment.support;

import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.api.AssignmentScopes;
import dev.assay.assignment.evaluation.ExposureSink;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.replica.ReplicaSync;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.Channel;
import java.time.Clock;

/**
 * One replica of the real service over the given store, wired as {@code AssignmentServer.main}
 * wires it and served by the production {@code GrpcServer} on an in-process transport.
 */
public final class AssignmentReplica implements AutoCloseable {
  public final ReplicaState state = new ReplicaState();
  public final EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation;
  public final DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions;
  public final OverrideServiceGrpc.OverrideServiceBlockingStub overrides;
  public final EvaluationServiceGrpc.EvaluationServiceStub asyncEvaluation;
  private final InProcessGrpc grpc;

  /** Loads the store's state and follows its changes (the store's monitor decides resyncs). */
  public AssignmentReplica(AssignmentStore store, Clock clock) {
    this(
        store,
        clock,
        Security.inMemory("assignment", SecuritySettings.OFF, AssignmentScopes.TABLE, clock));
  }

  /**
   * As {@link #AssignmentReplica(AssignmentStore, Clock)}, behind {@code security} (its
   * authentication, scope table and audit trail), as {@code main} serves it; the caller closes
   * {@code security}.
   */
  public AssignmentReplica(AssignmentStore store, Clock clock, Security security) {
    this(store, clock, security, ExposureSink.NONE);
  }

  /** As {@link #AssignmentReplica(AssignmentStore, Clock)}, recording exposures in {@code sink}. */
  public AssignmentReplica(AssignmentStore store, Clock clock, ExposureSink exposures) {
    this(
        store,
        clock,
        Security.inMemory("assignment", SecuritySettings.OFF, AssignmentScopes.TABLE, clock),
        exposures);
  }

  /** The replica behind {@code security}, recording exposures in {@code exposures}. */
  public AssignmentReplica(
      AssignmentStore store, Clock clock, Security security, ExposureSink exposures) {
    ReplicaSync sync = new ReplicaSync(store, state);
    sync.start();
    grpc =
        InProcessGrpc.start(
            "assignment",
            AssignmentDomain.wire(store, state, clock, security.audit(), exposures).services(),
            security,
            sync);
    evaluation = EvaluationServiceGrpc.newBlockingStub(grpc.channel());
    definitions = DefinitionServiceGrpc.newBlockingStub(grpc.channel());
    overrides = OverrideServiceGrpc.newBlockingStub(grpc.channel());
    asyncEvaluation = EvaluationServiceGrpc.newStub(grpc.channel());
  }

  /** The channel to the replica's services, for stubs with credentials of their own. */
  public Channel channel() {
    return grpc.channel();
  }

  /** A replica on a clock at the real current time. */
  public AssignmentReplica(AssignmentStore store) {
    this(store, MutableClock.atSystemTime());
  }

  /** Stops the server, then the replica's sync; the store is the caller's to close. */
  @Override
  public void close() {
    grpc.close();
  }
}
