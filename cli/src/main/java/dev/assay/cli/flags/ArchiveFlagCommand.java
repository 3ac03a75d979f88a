package dev.assay.cli.flags;

import dev.assay.assignment.v1.ArchiveFeatureFlagRequest;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code assay flags archive KEY}: archives a flag; it is no longer evaluated. */
@Command(
    name = "archive",
    description = "Archives a feature flag: it is no longer evaluated or listed by default.")
final class ArchiveFlagCommand extends AssaySubcommand {
  @Parameters(paramLabel = "KEY", description = "The flag's key.")
  private String key = "";

  @Override
  public Integer call() {
    FeatureFlag archived;
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      archived =
          connection
              .write(DefinitionServiceGrpc.newBlockingStub(connection.channel()))
              .archiveFeatureFlag(ArchiveFeatureFlagRequest.newBuilder().setKey(key).build())
              .getFlag();
    }
    out()
        .println(
            "flag "
                + TerminalText.clean(key)
                + ": archived (version "
                + archived.getVersion()
                + ")");
    out().flush();
    return AssayCommand.OK;
  }
}
