package dev.assay.runtime.config;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses a service's settings with picocli: explicit flag ({@code --name=value} or {@code --name
 * value}), else the environment ({@code ASSAY_NAME}), else the default. Unknown flags, unknown
 * {@code ASSAY_*} variables, malformed values and values out of range are one readable line each.
 */
public final class SettingsParser {
  /** The exit code of a start-up refused for its settings, as for any command-line usage error. */
  public static final int USAGE_EXIT_CODE = 2;

  private SettingsParser() {}

  /**
   * Parses the process's flags and environment; on {@code --help} prints every setting and exits 0,
   * on a bad setting prints one line and exits {@link #USAGE_EXIT_CODE}.
   */
  @SuppressWarnings("SystemExitOutsideMain") // called from main only, before anything starts
  public static <T> T parseOrExit(SettingsCommand<T> command, String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    try {
      Optional<T> settings = parse(command, args, System.getenv(), out);
      if (settings.isEmpty()) {
        System.exit(0);
      }
      return settings.get();
    } catch (InvalidSettingsException e) {
      System.err.println(commandName(command) + ": " + e.getMessage());
      System.err.println("Run with --help to list every setting.");
      System.exit(USAGE_EXIT_CODE);
      throw e; // unreachable
    }
  }

  /**
   * The settings, or empty once {@code --help} (or {@code --version}) has been printed to {@code
   * out}.
   *
   * @throws InvalidSettingsException for an unknown or malformed flag or variable, or a value out
   *     of range
   */
  public static <T> Optional<T> parse(
      SettingsCommand<T> command, String[] args, Map<String, String> environment, PrintWriter out) {
    CommandLine line = commandLine(command, environment);
    line.setOut(out);
    try {
      if (CommandLine.printHelpIfRequested(line.parseArgs(args))) {
        return Optional.empty();
      }
    } catch (UnmatchedArgumentException e) {
      String flag = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0).split("=", 2)[0];
      Set<String> flags =
          line.getCommandSpec().options().stream()
              .map(OptionSpec::longestName)
              .collect(Collectors.toSet());
      throw new InvalidSettingsException("unknown flag " + flag + closest(flag, flags));
    } catch (ParameterException e) {
      throw new InvalidSettingsException(oneLine(String.valueOf(e.getMessage())));
    }
    rejectUnknownEnvironment(line, environment);
    return Optional.of(command.toSettings());
  }

  /** The picocli command line, with environment defaults, duration parsing and the help footer. */
  static CommandLine commandLine(SettingsCommand<?> command, Map<String, String> environment) {
    CommandLine line = new CommandLine(command);
    line.setDefaultValueProvider(new EnvironmentDefaults(environment));
    line.registerConverter(Duration.class, new DurationConverter());
    line.getCommandSpec().versionProvider(new AssayVersion());
    line.setUsageHelpLongOptionsMaxWidth(32);
    line.getCommandSpec().usageMessage().footer(environmentFooter(line));
    return line;
  }

  private static String[] environmentFooter(CommandLine line) {
    StringBuilder footer = new StringBuilder("%nEach flag can also be set in the environment:%n");
    line.getCommandSpec().options().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp())
        .sorted(Comparator.comparing(OptionSpec::longestName))
        .forEach(
            o ->
                footer
                    .append("  ")
                    .append(String.format("%-32s", o.longestName()))
                    .append(EnvironmentDefaults.environmentName(o.longestName()))
                    .append("%n"));
    footer.append(
        "A flag wins over the environment. Durations: 250 (ms), 250ms, 30s, 5m, 24h or PT30S.");
    return new String[] {footer.toString()};
  }

  private static void rejectUnknownEnvironment(CommandLine line, Map<String, String> environment) {
    Set<String> own =
        line.getCommandSpec().options().stream()
            .map(o -> EnvironmentDefaults.environmentName(o.longestName()))
            .collect(Collectors.toSet());
    Map<String, String> unknown = new TreeMap<>();
    for (String name : environment.keySet()) {
      if (name.startsWith("ASSAY_")
          && !own.contains(name)
          && !AssayEnvironment.KNOWN.contains(name)) {
        unknown.put(name, closest(name, own));
      }
    }
    if (!unknown.isEmpty()) {
      String name = unknown.keySet().iterator().next();
      throw new InvalidSettingsException(
          "unknown setting " + name + " in the environment" + unknown.get(name));
    }
  }

  /** ", did you mean X?" for a near miss (edit distance at most 3), else nothing. */
  private static String closest(String name, Set<String> candidates) {
    return candidates.stream()
        .min(Comparator.comparingInt(c -> editDistance(name, c)))
        .filter(c -> editDistance(name, c) <= 3)
        .map(c -> ", did you mean " + c + "?")
        .orElse("");
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private static String commandName(SettingsCommand<?> command) {
    return new CommandLine(command).getCommandName();
  }
}
