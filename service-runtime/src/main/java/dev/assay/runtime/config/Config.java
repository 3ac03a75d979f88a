package dev.assay.runtime.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Service configuration: each setting {@code some-name} comes from the flag {@code --some-name=value},
 * else the environment variable {@code ASSAY_SOME_NAME}, else the caller's default.
 */
public final class Config {
  private final Map<String, String> flags;
  private final Map<String, String> env;

  private Config(Map<String, String> flags, Map<String, String> env) {
    this.flags = flags;
    this.env = env;
  }

  /** Reads {@code --name=value} flags from {@code args} over the given environment. */
  public static Config load(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got: " + arg);
      }
      int eq = arg.indexOf('=');
      flags.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return new Config(flags, Map.copyOf(env));
  }

  /** Reads the process's flags and environment. */
  public static Config fromProcess(String[] args) {
    return load(args, System.getenv());
  }

  /** The environment variable a setting reads: {@code redis-url} gives {@code ASSAY_REDIS_URL}. */
  public static String envName(String name) {
    return "ASSAY_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The value, if set and not blank. */
  public Optional<String> find(String name) {
    String value = flags.containsKey(name) ? flags.get(name) : env.get(envName(name));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** The value, or {@code defaultValue}. */
  public String get(String name, String defaultValue) {
    return find(name).orElse(defaultValue);
  }

  /** An integer setting. */
  public int getInt(String name, int defaultValue) {
    return find(name).map(v -> parse(name, v, Integer::parseInt)).orElse(defaultValue);
  }

  /** A duration setting written as milliseconds ({@code 250}) or ISO-8601 ({@code PT0.25S}). */
  public Duration getDuration(String name, Duration defaultValue) {
    return find(name)
        .map(v -> parse(name, v, s -> s.startsWith("P") ? Duration.parse(s) : Duration.ofMillis(Long.parseLong(s))))
        .orElse(defaultValue);
  }

  private interface Parser<T> {
    T parse(String value);
  }

  private static <T> T parse(String name, String value, Parser<T> parser) {
    try {
      return parser.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid value for --" + name + " / " + envName(name) + ": " + value, e);
    }
  }
}
