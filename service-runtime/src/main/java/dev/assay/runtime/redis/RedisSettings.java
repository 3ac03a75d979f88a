package dev.assay.runtime.redis;

import dev.assay.runtime.config.InvalidSettingsException;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a service keeps its shared state: a Redis URL (null for the embedded in-memory store), the
 * prefix of every key, and the command timeout.
 *
 * @param url {@code redis://[:password@]host:port[/db]}, or null for the in-memory store
 * @param keyPrefix the prefix of every key this service writes
 * @param commandTimeout how long one Redis command may take before it fails
 */
public record RedisSettings(@Nullable String url, String keyPrefix, Duration commandTimeout) {
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
   * Fails start-up on a URL Lettuce cannot use, without echoing its credentials.
   *
   * @throws InvalidSettingsException naming {@code --redis-url}
   */
  public void validateUrl() {
    if (url == null) {
      return;
    }
    try {
      RedisURI.create(url);
    } catch (RuntimeException e) {
      throw InvalidSettingsException.forSetting(
          "--redis-url", "is not a redis:// or rediss:// URL: " + mask(url));
    }
  }

  @Override
  public String toString() {
    return "RedisSettings[url="
        + maskedUrl()
        + ", keyPrefix="
        + keyPrefix
        + ", commandTimeout="
        + commandTimeout
        + "]";
  }
}
