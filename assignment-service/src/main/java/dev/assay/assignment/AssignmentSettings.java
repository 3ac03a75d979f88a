package dev.assay.assignment;

import dev.assay.assignment.exposures.ExposureSettings;
import dev.assay.assignment.seeding.DefinitionsFile;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.server.ServerLimits;
import dev.assay.runtime.server.ServerTlsSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the assignment service, parsed and checked once at start (see {@link
 * AssignmentCommand} for the flags and environment variables).
 *
 * @param port the gRPC port (0 picks a free one)
 * @param redis where shared state lives; no URL means the embedded in-memory store
 * @param resyncInterval how often every definition and override is reloaded from the store
 * @param definitions the definitions file, already read and checked ({@link DefinitionsFile#none}
 *     when none is configured)
 * @param shutdownGrace how long in-flight calls may finish on shutdown
 * @param serverLimits connection and call caps (the shared server flags, {@code --max-*})
 * @param security how callers are authenticated ({@code --auth}, {@code --tokens-file})
 * @param tls the server's TLS files ({@code --tls-*}); empty for plaintext
 * @param exposures where and how exposures are sent; empty when recording is off ({@code
 *     --analysis-target=none}). Its {@code toString} masks the analysis token
 */
record AssignmentSettings(
    int port,
    RedisSettings redis,
    Duration resyncInterval,
    DefinitionsFile definitions,
    Duration shutdownGrace,
    ServerLimits serverLimits,
    SecuritySettings security,
    Optional<ServerTlsSettings> tls,
    Optional<ExposureSettings> exposures) {}
