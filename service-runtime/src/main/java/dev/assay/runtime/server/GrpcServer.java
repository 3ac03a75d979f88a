package dev.assay.runtime.server;

import dev.assay.runtime.errors.ExceptionMappingInterceptor;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.log.ThrottledWarning;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.telemetry.TelemetryInterceptor;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one place an Assay gRPC server is assembled, in production and in tests alike (as grpc-java's
 * route_guide server takes any {@link ServerBuilder}): health and reflection, the error mapping and
 * telemetry on every service, {@code INVALID_ARGUMENT} for requests that are not valid protobuf,
 * the {@link ServerLimits}, TLS when the Netty transport is given {@link ServerTls} credentials,
 * and a graceful stop that drains in-flight calls for up to the grace period before closing the
 * service's resources.
 */
public final class GrpcServer implements AutoCloseable {
  /** gRPC's own default request limit, written out so that every transport applies the same. */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES =
      ServerLimits.DEFAULTS.maxInboundMessageBytes();

  private final String serviceName;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final Duration shutdownGrace;
  private final List<AutoCloseable> resources;
  private final ScheduledThreadPoolExecutor timers;

  private GrpcServer(Builder builder) {
    this.serviceName = builder.serviceName;
    this.shutdownGrace = builder.shutdownGrace;
    this.resources = List.copyOf(builder.resources);
    this.timers = new ScheduledThreadPoolExecutor(1, GrpcServer::timerThread);
    // Every call schedules its duration limit; most end long before it, so drop cancelled timers.
    timers.setRemoveOnCancelPolicy(true);
    ServerLimits limits = builder.limits;
    MalformedRequestGuard malformed =
        new MalformedRequestGuard(new ThrottledWarning(System::nanoTime, 1000));
    ExceptionMappingInterceptor errors = new ExceptionMappingInterceptor();
    CallDurationLimit callLimit = new CallDurationLimit(limits.maxCallDuration(), timers);
    TelemetryInterceptor telemetry = new TelemetryInterceptor(builder.openTelemetry);
    StreamMessageLimit streamLimit = new StreamMessageLimit(limits.maxStreamMessages());
    ServerBuilder<?> transport =
        builder
            .transport
            .maxInboundMessageSize(limits.maxInboundMessageBytes())
            .maxInboundMetadataSize(limits.maxInboundMetadataBytes());
    if (transport instanceof NettyServerBuilder netty) {
      applyConnectionLimits(netty, limits);
    }
    // Health is probed constantly and Watch streams are meant to stay open: no telemetry, no
    // duration limit. Reflection (grpcurl, Postman) gets the limit but stays out of telemetry.
    transport.addService(
        ServerInterceptors.intercept(
            malformed.guard(health.getHealthService().bindService()), errors));
    transport.addService(
        ServerInterceptors.intercept(
            malformed.guard(ProtoReflectionServiceV1.newInstance().bindService()),
            streamLimit,
            errors,
            callLimit));
    Security security =
        builder.security != null
            ? builder.security
            : Security.inMemory(
                serviceName,
                SecuritySettings.OFF,
                MethodScopes.builder().build(),
                Clock.systemUTC());
    List<BindableService> services = new ArrayList<>(builder.services);
    services.addAll(security.services());
    List<ServerServiceDefinition> definitions =
        services.stream().map(BindableService::bindService).toList();
    if (security.interceptor().isEnabled()) {
      security.checkCovers(definitions);
    }
    for (ServerServiceDefinition definition : definitions) {
      // Inside out: the service, the extra interceptors (first added runs closest to the
      // service), the malformed-request guard, the stream message limit, authentication (a
      // refused call is closed before any of its request is read), the error mapping (which
      // answers what all of these throw), the call duration limit (which may close the call from
      // its timer, so every close passes through it), and telemetry outermost, so a span covers
      // everything and records the final status.
      ServerServiceDefinition inner =
          ServerInterceptors.intercept(definition, builder.interceptors);
      transport.addService(
          ServerInterceptors.intercept(
              malformed.guard(inner),
              streamLimit,
              security.interceptor(),
              errors,
              callLimit,
              telemetry));
    }
    this.server = transport.build();
  }

  /**
   * Starts a builder for the named service on the given transport: {@link #netty} in production, an
   * {@code InProcessServerBuilder} in tests.
   */
  public static Builder builder(String serviceName, ServerBuilder<?> transport) {
    return new Builder(serviceName, transport);
  }

  /**
   * The production transport: Netty on {@code host:port} (port 0 picks a free port), with the
   * connection limits of {@link ServerLimits#DEFAULTS} until {@link Builder#limits} sets others.
   */
  public static ServerBuilder<?> netty(String host, int port) {
    return netty(host, port, ServerLimits.DEFAULTS);
  }

  /** The production transport with the connection limits of {@code limits}. */
  public static ServerBuilder<?> netty(String host, int port, ServerLimits limits) {
    NettyServerBuilder netty = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    applyConnectionLimits(netty, limits);
    return netty;
  }

  /**
   * The production transport speaking TLS (or mutual TLS) with {@code tls}'s credentials, or
   * plaintext when {@code tls} is {@link ServerTls#isEnabled() disabled}; close {@code tls} on
   * shutdown ({@link Builder#closeOnShutdown}) to stop its certificate reloading.
   */
  public static ServerBuilder<?> netty(String host, int port, ServerTls tls) {
    NettyServerBuilder netty =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port), tls.credentials());
    applyConnectionLimits(netty, ServerLimits.DEFAULTS);
    return netty;
  }

  private static void applyConnectionLimits(NettyServerBuilder netty, ServerLimits limits) {
    netty
        .maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection())
        .keepAliveTime(limits.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
        .keepAliveTimeout(limits.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .permitKeepAliveTime(limits.permitKeepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
        .permitKeepAliveWithoutCalls(false)
        .maxConnectionIdle(limits.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS)
        .maxConnectionAge(limits.maxConnectionAge().toNanos(), TimeUnit.NANOSECONDS)
        .maxConnectionAgeGrace(limits.maxConnectionAgeGrace().toNanos(), TimeUnit.NANOSECONDS)
        .maxInboundMetadataSize(limits.maxInboundMetadataBytes())
        .handshakeTimeout(limits.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private static Thread timerThread(Runnable task) {
    Thread thread = new Thread(task, "assay-call-limits");
    thread.setDaemon(true);
    return thread;
  }

  /** Binds the transport and marks every service SERVING. */
  public GrpcServer start() throws IOException {
    server.start();
    health.setStatus("", ServingStatus.SERVING);
    server
        .getServices()
        .forEach(s -> health.setStatus(s.getServiceDescriptor().getName(), ServingStatus.SERVING));
    EventLog.info("server.started", "service", serviceName, "port", port());
    return this;
  }

  /** Stops gracefully when the JVM is asked to exit (SIGTERM, Ctrl-C). */
  public GrpcServer stopOnShutdownSignal() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, serviceName + "-shutdown"));
    return this;
  }

  /**
   * Reports the health of a part of this server under its own health-service name (for example
   * {@code assay.store}), beside the overall status: a store that is unreachable or being restored
   * does not stop the server from answering.
   */
  public void reportHealth(String name, boolean serving) {
    health.setStatus(name, serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  /** The bound TCP port, or -1 on a transport without one (in-process). */
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
    timers.shutdownNow();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        EventLog.warn(
            "server.resource_close_failed", "service", serviceName, "error", e.toString());
      }
    }
    EventLog.info("server.stopped", "service", serviceName);
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Configures a {@link GrpcServer}. */
  public static final class Builder {
    private final String serviceName;
    private final ServerBuilder<?> transport;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private Duration shutdownGrace = Duration.ofSeconds(20);
    private ServerLimits limits = ServerLimits.DEFAULTS;
    private final List<BindableService> services = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private @Nullable Security security;

    private Builder(String serviceName, ServerBuilder<?> transport) {
      this.serviceName = serviceName;
      this.transport = transport;
    }

    /** Where spans and metrics go (default: nowhere). */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    /**
     * Authentication, scopes, tokens and the audit trail (default: authentication off, with an
     * in-memory token store and audit log of its own). Its token and audit services are served too.
     */
    public Builder security(Security security) {
      this.security = security;
      return this;
    }

    /** Adds a gRPC service; the error mapping and telemetry wrap it. */
    public Builder addService(BindableService service) {
      services.add(service);
      return this;
    }

    /**
     * Adds an interceptor to every service, inside the error mapping and telemetry (so what it
     * throws is mapped, and its time is in the span); the first added runs closest to the service.
     */
    public Builder addInterceptor(ServerInterceptor interceptor) {
      interceptors.add(interceptor);
      return this;
    }

    /** Adds gRPC services in order. */
    public Builder addServices(List<? extends BindableService> services) {
      this.services.addAll(services);
      return this;
    }

    /** How long in-flight calls may finish on stop (default 20 s). */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = grace;
      return this;
    }

    /**
     * The connection and call limits (default {@link ServerLimits#DEFAULTS}): the call limits
     * (duration, message size, stream messages, metadata) on any transport, the connection limits
     * on Netty.
     */
    public Builder limits(ServerLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Closed, in the order added, after the server has drained. */
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
