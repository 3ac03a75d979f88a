package dev.assay.assignment;

import dev.assay.assignment.api.AssignmentScopes;
import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.evaluation.ExposureSink;
import dev.assay.assignment.exposures.AnalysisExposureTransport;
import dev.assay.assignment.exposures.ExposureRecorder;
import dev.assay.assignment.exposures.ExposureSettings;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.replica.ReplicaSync;
import dev.assay.assignment.seeding.InvalidDefinitionsException;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.config.InvalidSettingsException;
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
 * Starts the assignment service: settings → clock → Redis client (if configured) → security (tokens
 * and audit trail, on Redis when configured) → store → replica state and sync → channel to the
 * analysis service and exposure recorder (unless {@code --analysis-target=none}) → domain →
 * definitions seeded → transport security → gRPC server. Run with {@code --help} for the settings.
 */
public final class AssignmentServer {
  /** Listens on every interface, as a service in a container must. */
  private static final String HOST = "0.0.0.0";

  private AssignmentServer() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    AssignmentSettings settings = SettingsParser.parseOrExit(new AssignmentCommand(), args);
    Clock clock = Clock.systemUTC();

    Optional<SharedRedisClient> redis =
        settings.redis().redisUrl().map(url -> SharedRedisClient.create(settings.redis()));
    Security security =
        Security.create("assignment", settings.security(), redis, AssignmentScopes.TABLE, clock);
    AssignmentStore store =
        redis
            .<AssignmentStore>map(
                client ->
                    new RedisAssignmentStore(
                        client,
                        new ProtoStoreCodec(),
                        settings.resyncInterval(),
                        GlobalOpenTelemetry.get()))
            .orElseGet(InMemoryAssignmentStore::new);
    EventLog.info(
        "store.selected",
        "service",
        "assignment",
        "store",
        store.description(),
        "mode",
        redis.isPresent() ? "redis" : "in-memory (embedded default, not shared, lost on exit)");

    ReplicaState state = new ReplicaState();
    ReplicaSync sync = new ReplicaSync(store, state);
    sync.start();
    Optional<PeerChannel> analysis = settings.exposures().map(e -> PeerChannel.open(e.analysis()));
    Optional<ExposureRecorder> exposures =
        settings
            .exposures()
            .map(
                e ->
                    ExposureRecorder.start(
                        e,
                        new AnalysisExposureTransport(analysis.orElseThrow()),
                        GlobalOpenTelemetry.get()));
    logExposures(settings.exposures());
    AssignmentDomain domain =
        AssignmentDomain.wire(
            store,
            state,
            clock,
            security.audit(),
            exposures.<ExposureSink>map(r -> r).orElse(ExposureSink.NONE));
    try {
      domain.seeder().seed(settings.definitions());
    } catch (InvalidDefinitionsException e) {
      // The file was checked with the settings; what is left is an experiment rule naming an
      // experiment that is not stored, found before anything of the file was written.
      System.err.println(
          "assignment: "
              + InvalidSettingsException.forSetting("--definitions-file", e.getMessage())
                  .getMessage());
      System.exit(SettingsParser.USAGE_EXIT_CODE);
    }

    ServerTls tls = ServerTls.start("assignment", settings.tls());
    GrpcServer.Builder server =
        GrpcServer.builder("assignment", GrpcServer.netty(HOST, settings.port(), tls))
            .openTelemetry(GlobalOpenTelemetry.get())
            .addServices(domain.services())
            .security(security)
            .shutdownGrace(settings.shutdownGrace())
            .limits(settings.serverLimits())
            .closeOnShutdown(tls)
            .closeOnShutdown(sync);
    // Once calls have drained: flush the exposures they recorded, then close the channel.
    exposures.ifPresent(server::closeOnShutdown);
    analysis.ifPresent(server::closeOnShutdown);
    server.closeOnShutdown(store).closeOnShutdown(security);
    // Last, once the store has closed its connections.
    redis.ifPresent(server::closeOnShutdown);
    GrpcServer started = server.build().start();
    security.start();
    store.monitor().ifPresent(monitor -> monitor.reportHealth(started::reportHealth));
    EventLog.info(
        "assignment.ready",
        "port",
        started.port(),
        "experiments",
        state.get().experiments().size(),
        "flags",
        state.get().flags().size(),
        "overrides",
        state.overrideCount());
    started.stopOnShutdownSignal().awaitTermination();
  }

  /** One line saying where exposures go (never the token), or that none are recorded. */
  private static void logExposures(Optional<ExposureSettings> exposures) {
    if (exposures.isEmpty()) {
      EventLog.info(
          "exposures.disabled",
          "reason",
          "--analysis-target=none: evaluations record no exposure; RecordExposures records none");
      return;
    }
    ExposureSettings e = exposures.get();
    EventLog.info(
        "exposures.enabled",
        "analysis_target",
        e.analysis().target(),
        "token",
        e.analysis().token().isPresent() ? "set" : "none",
        "tls",
        e.analysis().caFile().isPresent(),
        "buffer_size",
        e.bufferSize(),
        "batch_size",
        e.batchSize(),
        "flush_interval",
        e.flushInterval());
  }
}
