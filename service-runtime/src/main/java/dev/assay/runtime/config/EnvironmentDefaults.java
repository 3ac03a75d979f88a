package dev.assay.runtime.config;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets the environment stand in for a missing flag: {@code --redis-url} reads {@code
 * ASSAY_REDIS_URL}. A flag still wins, and the option's own default applies when neither is set.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> environment;

  /** Reads from the given environment (the process's in {@code main}, a map in tests). */
  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The environment variable behind a flag: {@code --redis-url} gives {@code ASSAY_REDIS_URL}. */
  public static String environmentName(String flag) {
    return "ASSAY_" + flag.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public @Nullable String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    String value = environment.get(environmentName(option.longestName()));
    // A blank variable counts as unset, as shells and manifests often leave "VAR=" behind.
    return value == null || value.isBlank() ? null : value.trim();
  }
}
