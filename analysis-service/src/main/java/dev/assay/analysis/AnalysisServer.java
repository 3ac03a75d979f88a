package dev.assay.analysis;

import dev.assay.analysis.api.AnalysisApi;
import dev.assay.analysis.api.AnalysisScopes;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.server.GrpcServer;
import dev.assay.runtime.server.ServerTls;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Clock;
import java.util.Optional;

/**
 * Starts the analysis service: settings → Redis client (if configured, for tokens and the audit
 * trail only) → security → stateless statistics over gRPC on port {@code --analysis-port} (default
 * 50053), TLS when {@code --tls-cert-file} is set. The statistics keep no state, so any number of
 * replicas give the same answers.
 */
public final class AnalysisServer {
  private AnalysisServer() {}

  /** Entry point; {@code --help} lists every setting and its environment variable. */
  public static void main(String[] args) throws Exception {
    AnalysisSettings settings = SettingsParser.parseOrExit(new AnalysisCommand(), args);
    Clock clock = Clock.systemUTC();
    Optional<SharedRedisClient> redis =
        settings.redis().redisUrl().map(url -> SharedRedisClient.create(settings.redis()));
    Security security =
        Security.create("analysis", settings.security(), redis, AnalysisScopes.TABLE, clock);
    ServerTls tls = ServerTls.start("analysis", settings.tls());
    GrpcServer.Builder builder =
        GrpcServer.builder("analysis", GrpcServer.netty("0.0.0.0", settings.port(), tls))
            .openTelemetry(GlobalOpenTelemetry.get())
            .addServices(AnalysisApi.services())
            .security(security)
            .shutdownGrace(settings.shutdownGrace())
            .limits(settings.serverLimits())
            .closeOnShutdown(security)
            .closeOnShutdown(tls);
    redis.ifPresent(builder::closeOnShutdown);
    GrpcServer server = builder.build().start().stopOnShutdownSignal();
    security.start();
    EventLog.info(
        "analysis.ready",
        "port",
        server.port(),
        "store",
        redis.map(r -> "redis " + r.maskedUrl() + " (tokens and audit only)").orElse("none"));
    server.awaitTermination();
  }
}
