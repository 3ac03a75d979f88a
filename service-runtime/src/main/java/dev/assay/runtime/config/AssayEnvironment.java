package dev.assay.runtime.config;

import java.util.Set;

/**
 * Every {@code ASSAY_*} environment variable some part of Assay reads. One environment often serves
 * all three services (the local launcher, compose, a shared ConfigMap), so a service ignores the
 * others' settings but rejects a name that no part of Assay knows, which is usually a typo.
 */
public final class AssayEnvironment {
  private AssayEnvironment() {}

  /** The names; each service's tests check that its own settings are listed here. */
  public static final Set<String> KNOWN =
      Set.of(
          // every service
          "ASSAY_SHUTDOWN_GRACE",
          "ASSAY_MAX_CONCURRENT_CALLS_PER_CONNECTION",
          "ASSAY_KEEPALIVE_TIME",
          "ASSAY_KEEPALIVE_TIMEOUT",
          "ASSAY_PERMIT_KEEPALIVE_TIME",
          "ASSAY_MAX_CONNECTION_IDLE",
          "ASSAY_MAX_CONNECTION_AGE",
          "ASSAY_MAX_CONNECTION_AGE_GRACE",
          "ASSAY_MAX_INBOUND_METADATA_BYTES",
          "ASSAY_HANDSHAKE_TIMEOUT",
          "ASSAY_MAX_CALL_DURATION",
          "ASSAY_MAX_INBOUND_MESSAGE_BYTES",
          "ASSAY_MAX_STREAM_MESSAGES",
          "ASSAY_TLS_CERT_FILE",
          "ASSAY_TLS_KEY_FILE",
          "ASSAY_TLS_CLIENT_CA_FILE",
          "ASSAY_TLS_RELOAD_INTERVAL",
          "ASSAY_REDIS_URL",
          "ASSAY_REDIS_KEY_PREFIX",
          "ASSAY_REDIS_TIMEOUT",
          "ASSAY_REDIS_RECONNECT_MAX",
          "ASSAY_REDIS_WAIT_REPLICAS",
          "ASSAY_REDIS_WAIT_TIMEOUT",
          "ASSAY_REDIS_TLS_CA_FILE",
          "ASSAY_REDIS_TLS_CERT_FILE",
          "ASSAY_REDIS_TLS_KEY_FILE",
          "ASSAY_AUTH",
          "ASSAY_TOKENS_FILE",
          "ASSAY_JWT_JWKS",
          "ASSAY_JWT_ISSUER",
          "ASSAY_JWT_AUDIENCE",
          "ASSAY_JWT_SCOPES_CLAIM",
          "ASSAY_JWT_PROJECTS_CLAIM",
          // clients (the assay CLI, the examples): a shell exporting them still starts services
          "ASSAY_TARGET",
          "ASSAY_TOKEN",
          "ASSAY_CA_FILE",
          // assignment
          "ASSAY_ASSIGNMENT_PORT",
          "ASSAY_RESYNC_INTERVAL",
          "ASSAY_DEFINITIONS_FILE",
          "ASSAY_ANALYSIS_TARGET",
          "ASSAY_ANALYSIS_TOKEN",
          "ASSAY_ANALYSIS_CA_FILE",
          "ASSAY_EXPOSURE_BUFFER_SIZE",
          "ASSAY_EXPOSURE_BATCH_SIZE",
          "ASSAY_EXPOSURE_FLUSH_INTERVAL",
          // bandit
          "ASSAY_BANDIT_PORT",
          "ASSAY_SNAPSHOT_REFRESH_INTERVAL",
          "ASSAY_DECISION_TTL",
          "ASSAY_DECISION_LOG_CAPACITY",
          "ASSAY_PROPENSITY_SAMPLES",
          "ASSAY_DECISION_KEYS_FILE",
          // analysis
          "ASSAY_ANALYSIS_PORT",
          "ASSAY_OUTCOME_ID_RETENTION",
          "ASSAY_EXPORT_MAX_EVENTS",
          "ASSAY_ASSIGNMENT_TARGET",
          "ASSAY_ASSIGNMENT_TOKEN",
          "ASSAY_ASSIGNMENT_CA_FILE",
          "ASSAY_MONITOR_INTERVAL",
          // console
          "ASSAY_CONSOLE_PORT",
          "ASSAY_BANDIT_TARGET",
          "ASSAY_CONSOLE_TOKEN",
          "ASSAY_CONSOLE_ACTIONS",
          "ASSAY_CONSOLE_RPC_TIMEOUT",
          "ASSAY_CONSOLE_CACHE_TTL",
          "ASSAY_CONSOLE_BANDIT_SAMPLE_INTERVAL",
          "ASSAY_CONSOLE_BANDIT_HISTORY_SAMPLES",
          // deploy/local/run.sh
          "ASSAY_JAVA_OPTS",
          "ASSAY_STOP_TIMEOUT_SECONDS",
          "ASSAY_START_TIMEOUT_SECONDS",
          // compose, and the clients in examples/
          "ASSAY_JAVA_TOOL_OPTIONS",
          "ASSAY_ASSIGNMENT_ADDRESS",
          "ASSAY_BANDIT_ADDRESS",
          "ASSAY_ANALYSIS_ADDRESS",
          "ASSAY_QUICKSTART_SERVICES");
}
