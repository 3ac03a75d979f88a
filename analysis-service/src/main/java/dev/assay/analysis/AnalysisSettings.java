package dev.assay.analysis;

import dev.assay.runtime.server.ServerLimits;
import dev.assay.runtime.server.ServerTlsSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The analysis service's settings, parsed once at start-up by {@link AnalysisCommand}. The service
 * keeps no state and uses no store, so this is all there is to configure.
 *
 * @param port the gRPC port ({@code --analysis-port}); 0 picks a free port
 * @param shutdownGrace how long in-flight calls may finish after SIGTERM ({@code --shutdown-grace})
 * @param serverLimits connection and call caps (the shared server flags, {@code --max-*})
 * @param tls the server's TLS files ({@code --tls-*}); empty for plaintext
 */
record AnalysisSettings(
    int port, Duration shutdownGrace, ServerLimits serverLimits, Optional<ServerTlsSettings> tls) {
  /** With the default server limits, in plaintext. */
  AnalysisSettings(int port, Duration shutdownGrace) {
    this(port, shutdownGrace, ServerLimits.DEFAULTS, Optional.empty());
  }
}
