package dev.assay.runtime.redis;

import dev.assay.runtime.config.InvalidSettingsException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a service keeps its shared state and how it talks to it: a Redis URL (null for the embedded
 * in-memory store; see {@link RedisEndpoint} for the single-node, Sentinel and Cluster forms), the
 * prefix of every key, the command timeout, the longest wait between reconnect attempts, and how
 * many replicas must confirm a write before it is acknowledged.
 *
 * @param url a Redis URL, or null for the in-memory store
 * @param keyPrefix the prefix of every key this service writes
 * @param commandTimeout how long one Redis command may take before it fails
 * @param reconnectMax the cap of the exponential backoff between reconnect attempts
 * @param waitReplicas replicas that must acknowledge each write ({@code WAIT}); 0 = do not wait
 * @param waitTimeout how long a write waits for those replicas before it fails
 * @param tls the CA and client certificate for {@code rediss://} URLs ({@link RedisTls#DEFAULTS}:
 *     the JVM's CAs, no client certificate)
 */
public record RedisSettings(
    @Nullable String url,
    String keyPrefix,
    Duration commandTimeout,
    Duration reconnectMax,
    int waitReplicas,
    Duration waitTimeout,
    RedisTls tls) {
  /** Reconnect attempts back off up to this by default: writes resume within a second. */
  public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(1);

  /** Settings with the default TLS options. */
  public RedisSettings(
      @Nullable String url,
      String keyPrefix,
      Duration commandTimeout,
      Duration reconnectMax,
      int waitReplicas,
      Duration waitTimeout) {
    this(
        url, keyPrefix, commandTimeout, reconnectMax, waitReplicas, waitTimeout, RedisTls.DEFAULTS);
  }

  /** Settings with the default reconnect cap and no replication wait. */
  public RedisSettings(@Nullable String url, String keyPrefix, Duration commandTimeout) {
    this(url, keyPrefix, commandTimeout, DEFAULT_RECONNECT_MAX, 0, Duration.ofSeconds(1));
  }

  /** The embedded default: no Redis. */
  public static RedisSettings inMemory() {
    return new RedisSettings(null, "assay", Duration.ofSeconds(2));
  }

  /** The URL, if Redis is configured. */
  public Optional<String> redisUrl() {
    return Optional.ofNullable(url);
  }

  /** The URL with any password replaced by {@code ***}: the only form that may be printed. */
  public String maskedUrl() {
    return url == null ? "none (in-memory)" : mask(url);
  }

  /** {@code redis://user:secret@host} → {@code redis://user:***@host}; other URLs unchanged. */
  public static String mask(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    String credentials = url.substring(scheme + 3, at);
    int colon = credentials.indexOf(':');
    String user = colon < 0 ? "" : credentials.substring(0, colon);
    return url.substring(0, scheme + 3) + user + ":***" + url.substring(at);
  }

  /**
   * Fails start-up on a URL Lettuce cannot use, without echoing its credentials, and on TLS files
   * that cannot be used or that a plaintext URL would ignore.
   *
   * @throws InvalidSettingsException naming {@code --redis-url} or the TLS setting
   */
  public void validateUrl() {
    if (url == null) {
      if (tls.isConfigured()) {
        throw InvalidSettingsException.forSetting(
            tls.firstSetting(), "needs a rediss:// (or rediss-cluster://) --redis-url");
      }
      return;
    }
    RedisEndpoint endpoint;
    try {
      endpoint = RedisEndpoint.parse(url);
    } catch (RuntimeException e) {
      throw InvalidSettingsException.forSetting(
          "--redis-url",
          "is not a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL: " + mask(url));
    }
    if (tls.isConfigured() && !endpoint.uris().get(0).isSsl()) {
      throw InvalidSettingsException.forSetting(
          tls.firstSetting(),
          "applies to TLS URLs only (rediss://, rediss-cluster://), not " + mask(url));
    }
    tls.validate();
  }

  @Override
  public String toString() {
    return "RedisSettings[url="
        + maskedUrl()
        + ", keyPrefix="
        + keyPrefix
        + ", commandTimeout="
        + commandTimeout
        + ", reconnectMax="
        + reconnectMax
        + ", waitReplicas="
        + waitReplicas
        + ", waitTimeout="
        + waitTimeout
        + ", tls="
        + tls
        + "]";
  }
}
