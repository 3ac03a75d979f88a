package dev.assay.assignment.support;

import dev.assay.assignment.AssignmentServer;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.replica.ReplicaSync;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.runtime.errors.ExceptionMappingInterceptor;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/** One replica of the real service on an in-process gRPC server, over the given store. */
public final class AssignmentReplica implements AutoCloseable {
  public final ReplicaState state = new ReplicaState();
  public final ReplicaSync sync;
  public final EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation;
  public final DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions;
  public final OverrideServiceGrpc.OverrideServiceBlockingStub overrides;
  public final EvaluationServiceGrpc.EvaluationServiceStub asyncEvaluation;
  private final Server server;
  private final ManagedChannel channel;

  public AssignmentReplica(AssignmentStore store, Clock clock, Duration resyncInterval) {
    sync = new ReplicaSync(store, state);
    sync.start(resyncInterval);
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    for (BindableService service : AssignmentServer.Domain.wire(store, state, clock).services()) {
      builder.addService(ServerInterceptors.intercept(service, new ExceptionMappingInterceptor()));
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    evaluation = EvaluationServiceGrpc.newBlockingStub(channel);
    definitions = DefinitionServiceGrpc.newBlockingStub(channel);
    overrides = OverrideServiceGrpc.newBlockingStub(channel);
    asyncEvaluation = EvaluationServiceGrpc.newStub(channel);
  }

  public AssignmentReplica(AssignmentStore store) {
    this(store, Clock.systemUTC(), Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    sync.close();
  }
}
