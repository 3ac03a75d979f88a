package dev.assay.assignment;

import dev.assay.assignment.api.DefinitionGrpcService;
import dev.assay.assignment.api.EvaluationGrpcService;
import dev.assay.assignment.api.OverrideGrpcService;
import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.evaluation.Evaluator;
import dev.assay.assignment.overrides.OverrideRegistry;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.replica.ReplicaSync;
import dev.assay.assignment.seeding.DefinitionSeeder;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.runtime.config.Config;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.RedisConnector;
import dev.assay.runtime.server.GrpcServer;
import io.grpc.BindableService;
import io.lettuce.core.RedisClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts the assignment service: config → store → replica state and sync → domain → gRPC server.
 * Settings (flag / environment variable / default) are listed in README.md.
 */
public final class AssignmentServer {
  /** The fixed default port. */
  public static final int DEFAULT_PORT = 50051;

  private AssignmentServer() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Config config = Config.fromProcess(args);
    Clock clock = Clock.systemUTC();

    Optional<String> redisUrl = config.find("redis-url");
    RedisClient redis =
        redisUrl
            .map(
                url ->
                    RedisConnector.connect(
                        url, config.getDuration("redis-timeout", Duration.ofSeconds(2))))
            .orElse(null);
    AssignmentStore store =
        redis == null
            ? new InMemoryAssignmentStore()
            : new RedisAssignmentStore(
                redis,
                redisUrl.get(),
                config.get("redis-key-prefix", "assay"),
                new ProtoStoreCodec());
    EventLog.info(
        "store.selected",
        "service",
        "assignment",
        "store",
        store.description(),
        "mode",
        redis == null ? "in-memory (embedded default, not shared, lost on exit)" : "redis");

    ReplicaState state = new ReplicaState();
    ReplicaSync sync = new ReplicaSync(store, state);
    sync.start(config.getDuration("resync-interval", Duration.ofSeconds(30)));

    Domain domain = Domain.wire(store, state, clock);
    Optional<String> seedFile = config.find("definitions-file");
    if (seedFile.isPresent()) {
      new DefinitionSeeder(domain.experiments(), domain.flags()).seed(Path.of(seedFile.get()));
    }

    GrpcServer.Builder server =
        GrpcServer.builder("assignment", config.getInt("assignment-port", DEFAULT_PORT))
            .shutdownGrace(config.getDuration("shutdown-grace", Duration.ofSeconds(20)))
            .closeOnShutdown(sync)
            .closeOnShutdown(store)
            .closeOnShutdown(
                () -> {
                  if (redis != null) {
                    redis.shutdown();
                  }
                });
    domain.services().forEach(server::addService);
    GrpcServer started = server.build().start();
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
    started.awaitTermination();
  }

  /**
   * The domain objects over one store and replica state, and the gRPC services in front of them.
   */
  public record Domain(
      ExperimentCatalog experiments, FlagCatalog flags, List<BindableService> services) {
    /** Builds the domain and its adapters. */
    public static Domain wire(AssignmentStore store, ReplicaState state, Clock clock) {
      ExperimentCatalog experiments = new ExperimentCatalog(store, state, clock);
      FlagCatalog flags = new FlagCatalog(store, state, clock);
      OverrideRegistry overrides = new OverrideRegistry(store, state, clock);
      return new Domain(
          experiments,
          flags,
          List.of(
              new EvaluationGrpcService(new Evaluator(state, state, clock)),
              new DefinitionGrpcService(experiments, flags),
              new OverrideGrpcService(overrides)));
    }
  }
}
