package dev.assay.analysis;

import dev.assay.analysis.api.AnalysisApi;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.server.GrpcServer;
import dev.assay.runtime.server.ServerTls;
import io.opentelemetry.api.GlobalOpenTelemetry;

/**
 * Starts the analysis service: stateless statistics over gRPC on port {@code --analysis-port}
 * (default 50053), TLS when {@code --tls-cert-file} is set. It keeps no state and uses no store, so
 * any number of replicas give the same answers.
 */
public final class AnalysisServer {
  private AnalysisServer() {}

  /** Entry point; {@code --help} lists every setting and its environment variable. */
  public static void main(String[] args) throws Exception {
    AnalysisSettings settings = SettingsParser.parseOrExit(new AnalysisCommand(), args);
    ServerTls tls = ServerTls.start("analysis", settings.tls());
    GrpcServer server =
        GrpcServer.builder("analysis", GrpcServer.netty("0.0.0.0", settings.port(), tls))
            .openTelemetry(GlobalOpenTelemetry.get())
            .addServices(AnalysisApi.services())
            .shutdownGrace(settings.shutdownGrace())
            .limits(settings.serverLimits())
            .closeOnShutdown(tls)
            .build()
            .start()
            .stopOnShutdownSignal();
    EventLog.info("analysis.ready", "port", server.port(), "store", "none (stateless)");
    server.awaitTermination();
  }
}
