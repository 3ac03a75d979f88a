package dev.assay.analysis.metrics;

import dev.assay.analysis.api.AnalysisScopes;
import dev.assay.analysis.api.MetricGrpcService;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.InProcessGrpc;
import io.grpc.Channel;
import java.time.Clock;
import java.util.List;

/**
 * One analysis replica's metric definitions over the given store, wired as {@code
 * AnalysisServer.main} wires them (store → registry → gRPC service with the audit trail) and served
 * by the production {@code GrpcServer} on an in-process transport.
 */
final class MetricReplica implements AutoCloseable {
  final MetricRegistry registry;
  final Security security;
  final MetricServiceGrpc.MetricServiceBlockingStub metrics;
  private final InProcessGrpc grpc;
  private final boolean ownsSecurity;

  /** Authentication off, an audit trail in memory. */
  MetricReplica(MetricStore store, Clock clock) {
    this(
        store,
        clock,
        Security.inMemory("analysis", SecuritySettings.OFF, AnalysisScopes.TABLE, clock),
        true);
  }

  /** Behind {@code security} (its authentication, scopes and audit trail); the caller closes it. */
  MetricReplica(MetricStore store, Clock clock, Security security) {
    this(store, clock, security, false);
  }

  private MetricReplica(MetricStore store, Clock clock, Security security, boolean ownsSecurity) {
    this.security = security;
    this.ownsSecurity = ownsSecurity;
    this.registry = new MetricRegistry(store, clock);
    registry.start();
    grpc =
        InProcessGrpc.start(
            "analysis", List.of(new MetricGrpcService(registry, security.audit())), security);
    metrics = MetricServiceGrpc.newBlockingStub(grpc.channel());
  }

  /** The channel to the replica's services, for stubs with credentials of their own. */
  Channel channel() {
    return grpc.channel();
  }

  /** Stops the server, then the registry and its store. */
  @Override
  public void close() {
    grpc.close();
    registry.close();
    if (ownsSecurity) {
      security.close();
    }
  }
}
