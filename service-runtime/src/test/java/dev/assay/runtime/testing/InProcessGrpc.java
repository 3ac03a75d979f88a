package dev.assay.runtime.testing;

import dev.assay.runtime.security.Security;
import dev.assay.runtime.server.GrpcServer;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Real services on an in-process transport, assembled by the production {@link GrpcServer} (same
 * interceptors, health and reflection), with a channel to call them through.
 */
public final class InProcessGrpc implements AutoCloseable {
  private final GrpcServer server;
  private final ManagedChannel channel;

  private InProcessGrpc(GrpcServer server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  /** Starts {@code services}; {@code resources} are closed after the server on {@link #close}. */
  public static InProcessGrpc start(
      String serviceName, List<? extends BindableService> services, AutoCloseable... resources) {
    return start(serviceName, services, null, resources);
  }

  /**
   * Starts {@code services} behind {@code security} (its authentication, scopes and token and audit
   * services); null means the default (authentication off).
   */
  public static InProcessGrpc start(
      String serviceName,
      List<? extends BindableService> services,
      @Nullable Security security,
      AutoCloseable... resources) {
    String name = InProcessServerBuilder.generateName();
    GrpcServer.Builder builder =
        GrpcServer.builder(serviceName, InProcessServerBuilder.forName(name).directExecutor())
            .addServices(services)
            .shutdownGrace(Duration.ZERO);
    if (security != null) {
      builder.security(security);
    }
    for (AutoCloseable resource : resources) {
      builder.closeOnShutdown(resource);
    }
    try {
      GrpcServer server = builder.build().start();
      return new InProcessGrpc(
          server, InProcessChannelBuilder.forName(name).directExecutor().build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code services} with nothing else to close. */
  public static InProcessGrpc start(String serviceName, BindableService... services) {
    return start(serviceName, List.of(services));
  }

  /** The channel to the services. */
  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.stop();
  }
}
