package dev.assay.runtime.server;

import dev.assay.runtime.errors.ExceptionMappingInterceptor;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.telemetry.TelemetryInterceptor;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server with what every Assay service needs: health and reflection, error mapping,
 * telemetry, and a graceful shutdown on SIGTERM that stops accepting calls, drains those in flight
 * for up to the grace period, then closes the service's resources.
 */
public final class GrpcServer {
  private final String serviceName;
  private final Server server;
  private final HealthStatusManager health;
  private final Duration shutdownGrace;
  private final List<AutoCloseable> resources;

  private GrpcServer(Builder builder) {
    this.serviceName = builder.serviceName;
    this.shutdownGrace = builder.shutdownGrace;
    this.resources = List.copyOf(builder.resources);
    this.health = new HealthStatusManager();
    TelemetryInterceptor telemetry = new TelemetryInterceptor(GlobalOpenTelemetry.get());
    ExceptionMappingInterceptor errors = new ExceptionMappingInterceptor();
    NettyServerBuilder netty =
        NettyServerBuilder.forAddress(new InetSocketAddress(builder.host, builder.port))
            .maxInboundMessageSize(builder.maxInboundMessageBytes)
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance());
    for (ServerServiceDefinition service : builder.services) {
      netty.addService(ServerInterceptors.intercept(service, errors, telemetry));
    }
    this.server = netty.build();
  }

  /** Starts a builder for the named service listening on {@code port} (0 picks a free port). */
  public static Builder builder(String serviceName, int port) {
    return new Builder(serviceName, port);
  }

  /** Binds the port, marks every service SERVING and installs the SIGTERM hook. */
  public GrpcServer start() throws IOException {
    server.start();
    health.setStatus("", ServingStatus.SERVING);
    for (ServerServiceDefinition service : server.getServices()) {
      health.setStatus(service.getServiceDescriptor().getName(), ServingStatus.SERVING);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, serviceName + "-shutdown"));
    EventLog.info("server.started", "service", serviceName, "port", port());
    return this;
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** Marks the server NOT_SERVING, drains in-flight calls, then closes resources. Idempotent. */
  public synchronized void stop() {
    if (server.isTerminated()) {
      return;
    }
    EventLog.info("server.stopping", "service", serviceName, "grace_ms", shutdownGrace.toMillis());
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        EventLog.warn("server.resource_close_failed", "service", serviceName, "error", e.toString());
      }
    }
    EventLog.info("server.stopped", "service", serviceName);
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Configures a {@link GrpcServer}. */
  public static final class Builder {
    private final String serviceName;
    private final int port;
    private String host = "0.0.0.0";
    private int maxInboundMessageBytes = 4 * 1024 * 1024;
    private Duration shutdownGrace = Duration.ofSeconds(20);
    private final List<ServerServiceDefinition> services = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private Builder(String serviceName, int port) {
      this.serviceName = serviceName;
      this.port = port;
    }

    /** The interface to bind (default all). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Adds a gRPC service. */
    public Builder addService(BindableService service) {
      services.add(service.bindService());
      return this;
    }

    /** How long in-flight calls may finish after SIGTERM (default 20 s). */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = grace;
      return this;
    }

    /** Largest accepted request (default 4 MiB, gRPC's default). */
    public Builder maxInboundMessageBytes(int bytes) {
      this.maxInboundMessageBytes = bytes;
      return this;
    }

    /** Closed, in order, after the server has drained. */
    public Builder closeOnShutdown(AutoCloseable resource) {
      resources.add(resource);
      return this;
    }

    /** Builds the server (not started). */
    public GrpcServer build() {
      return new GrpcServer(this);
    }
  }
}
