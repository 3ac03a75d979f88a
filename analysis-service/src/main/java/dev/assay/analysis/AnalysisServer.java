package dev.assay.analysis;

import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.aggregates.InMemoryLoopStore;
import dev.assay.analysis.aggregates.RedisLoopStore;
import dev.assay.analysis.api.AnalysisApi;
import dev.assay.analysis.api.AnalysisScopes;
import dev.assay.analysis.api.MetricGrpcService;
import dev.assay.analysis.api.ProtoMetricCodec;
import dev.assay.analysis.export.FollowPoller;
import dev.assay.analysis.exposures.ExposureGrpcService;
import dev.assay.analysis.metrics.InMemoryMetricStore;
import dev.assay.analysis.metrics.MetricRegistry;
import dev.assay.analysis.metrics.MetricStore;
import dev.assay.analysis.metrics.RedisMetricStore;
import dev.assay.analysis.outcomes.OutcomeGrpcService;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.server.GrpcServer;
import dev.assay.runtime.server.ServerTls;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts the analysis service: settings → Redis client (if configured) → security → metric
 * definitions and the experiment loop's store (Redis, else in memory) → stateless statistics,
 * metric definitions, the loop's exposure and outcome services, live results and the monitor over
 * gRPC on port {@code --analysis-port} (default 50053), TLS when {@code --tls-cert-file} is set.
 * The statistics keep no state and the loop's state lives in Redis, so any number of replicas on
 * one Redis give the same answers.
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
    MetricStore metricStore =
        redis
            .<MetricStore>map(
                client ->
                    new RedisMetricStore(
                        client,
                        new ProtoMetricCodec(),
                        Duration.ofSeconds(30),
                        GlobalOpenTelemetry.get()))
            .orElseGet(InMemoryMetricStore::new);
    // The metric catalog: what outcome ingestion and results read, from memory.
    MetricRegistry metrics = new MetricRegistry(metricStore, clock);
    metrics.start();
    ServerTls tls = ServerTls.start("analysis", settings.tls());
    ExperimentLoopStore loop =
        redis
            .<ExperimentLoopStore>map(
                r ->
                    new RedisLoopStore(
                        r, clock, settings.outcomeIdRetention(), settings.exportMaxEvents()))
            .orElseGet(
                () ->
                    new InMemoryLoopStore(
                        clock, settings.outcomeIdRetention(), settings.exportMaxEvents()));
    FollowPoller follow = new FollowPoller(Duration.ofMillis(200));
    // Results, time series and the monitor read the aggregates the loop store keeps.
    ExperimentLoop results =
        ExperimentLoop.start(settings.monitor(), loop, metrics, redis, security.audit(), clock);
    GrpcServer.Builder builder =
        GrpcServer.builder("analysis", GrpcServer.netty("0.0.0.0", settings.port(), tls))
            .openTelemetry(GlobalOpenTelemetry.get())
            .addServices(AnalysisApi.services())
            .addService(new MetricGrpcService(metrics, security.audit()))
            .addServices(
                List.of(
                    new ExposureGrpcService(loop, metrics, clock, follow),
                    new OutcomeGrpcService(loop, metrics, clock, follow)))
            .addServices(results.services())
            .security(security)
            .shutdownGrace(settings.shutdownGrace())
            .limits(settings.serverLimits())
            .closeOnShutdown(metrics)
            .closeOnShutdown(security)
            .closeOnShutdown(tls)
            .closeOnShutdown(follow)
            .closeOnShutdown(results)
            .closeOnShutdown(loop);
    redis.ifPresent(builder::closeOnShutdown);
    GrpcServer server = builder.build().start().stopOnShutdownSignal();
    security.start();
    EventLog.info(
        "analysis.ready",
        "port",
        server.port(),
        "store",
        loop.describe(),
        "metric_store",
        metricStore.description());
    server.awaitTermination();
  }
}
