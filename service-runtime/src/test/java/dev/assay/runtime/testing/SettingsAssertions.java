package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.config.AssayEnvironment;
import dev.assay.runtime.config.EnvironmentDefaults;
import dev.assay.runtime.config.SecurityOptions;
import dev.assay.runtime.config.ServerOptions;
import dev.assay.runtime.config.SettingsCommand;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.config.TlsOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every service's command line promises, checked the same way for each. */
public final class SettingsAssertions {
  private SettingsAssertions() {}

  /**
   * Asserts the command's settings are exactly {@code serviceFlags} plus the shared server flags of
   * {@link ServerOptions} and {@link TlsOptions} (which every service carries, and need not be
   * listed), that {@code --help} prints each with its environment variable, and that each variable
   * is one {@link AssayEnvironment} knows (so the other services, sharing an environment, do not
   * reject it).
   */
  public static void assertSettingsAreListedAndKnown(
      SettingsCommand<?> command, Set<String> serviceFlags) {
    Set<String> flags = new TreeSet<>(serviceFlags);
    for (Object shared :
        new Object[] {new ServerOptions(), new SecurityOptions(), new TlsOptions()}) {
      CommandSpec.forAnnotatedObject(shared).options().stream()
          .map(OptionSpec::longestName)
          .forEach(flags::add);
    }
    Set<String> declared =
        new CommandLine(command)
            .getCommandSpec().options().stream()
                .filter(option -> !option.usageHelp() && !option.versionHelp())
                .map(OptionSpec::longestName)
                .collect(Collectors.toSet());
    assertEquals(flags, new TreeSet<>(declared));

    StringWriter out = new StringWriter();
    assertEquals(
        Optional.empty(),
        SettingsParser.parse(command, new String[] {"--help"}, Map.of(), new PrintWriter(out)));
    String help = out.toString();
    for (String flag : flags) {
      String variable = EnvironmentDefaults.environmentName(flag);
      assertTrue(help.contains(flag), flag + " in\n" + help);
      assertTrue(help.contains(variable), variable + " in\n" + help);
      assertTrue(
          AssayEnvironment.KNOWN.contains(variable), variable + " in AssayEnvironment.KNOWN");
    }
  }
}
