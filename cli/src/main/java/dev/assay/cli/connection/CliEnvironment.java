package dev.assay.cli.connection;

import dev.assay.runtime.config.EnvironmentDefaults;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets {@code ASSAY_TARGET}, {@code ASSAY_ASSIGNMENT_TARGET}, {@code ASSAY_BANDIT_TARGET}, {@code
 * ASSAY_ANALYSIS_TARGET} and {@code ASSAY_TOKEN} stand in for their flags. Only those: a general
 * {@code ASSAY_<FLAG>} rule would let a stray {@code ASSAY_NAME} or {@code ASSAY_LIMIT} change what
 * a command does.
 */
public final class CliEnvironment implements IDefaultValueProvider {
  /** The flags the environment may fill. */
  static final Set<String> FLAGS =
      Set.of("--target", "--assignment-target", "--bandit-target", "--analysis-target", "--token");

  private final EnvironmentDefaults environment;

  /** Reads from the given environment (the process's in {@code main}, a map in tests). */
  public CliEnvironment(Map<String, String> environment) {
    this.environment = new EnvironmentDefaults(environment);
  }

  @Override
  public @Nullable String defaultValue(ArgSpec argument) {
    if (argument instanceof OptionSpec option && FLAGS.contains(option.longestName())) {
      return environment.defaultValue(argument);
    }
    return null;
  }
}
