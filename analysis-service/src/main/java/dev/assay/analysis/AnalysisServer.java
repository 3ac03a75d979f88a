package dev.assay.analysis;

import dev.assay.analysis.api.BayesianGrpcService;
import dev.assay.analysis.api.ExperimentGrpcService;
import dev.assay.analysis.api.HypothesisTestGrpcService;
import dev.assay.analysis.api.ModelComparisonGrpcService;
import dev.assay.analysis.api.PowerGrpcService;
import dev.assay.analysis.api.SequentialGrpcService;
import dev.assay.runtime.config.Config;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.server.GrpcServer;

/**
 * Starts the analysis service: stateless statistics over gRPC on port {@code analysis-port}
 * (default 50053). It keeps no state and uses no store, so any number of replicas give the same
 * answers.
 */
public final class AnalysisServer {
  /** The service's fixed default port. */
  public static final int DEFAULT_PORT = 50053;

  private AnalysisServer() {}

  /** Entry point: {@code --analysis-port=50053} or {@code ASSAY_ANALYSIS_PORT}. */
  public static void main(String[] args) throws Exception {
    Config config = Config.fromProcess(args);
    int port = config.getInt("analysis-port", DEFAULT_PORT);
    GrpcServer server =
        GrpcServer.builder("analysis", port)
            .addService(new HypothesisTestGrpcService())
            .addService(new PowerGrpcService())
            .addService(new BayesianGrpcService())
            .addService(new SequentialGrpcService())
            .addService(new ExperimentGrpcService())
            .addService(new ModelComparisonGrpcService())
            .shutdownGrace(config.getDuration("shutdown-grace", java.time.Duration.ofSeconds(20)))
            .build()
            .start();
    EventLog.info("analysis.ready", "port", server.port(), "store", "none (stateless)");
    server.awaitTermination();
  }
}
