package dev.assay.cli.overrides;

import dev.assay.assignment.v1.DeleteOverrideRequest;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay overrides delete}: removes one unit's override. */
@Command(
    name = "delete",
    description = "Deletes one unit's override of an experiment or flag (NOT_FOUND if none).")
final class DeleteOverrideCommand extends AssaySubcommand {
  @Mixin private OverrideTargetOptions target = new OverrideTargetOptions();

  @Option(names = "--unit", required = true, paramLabel = "ID", description = "The unit id.")
  private String unit = "";

  @Override
  public Integer call() {
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      connection
          .write(OverrideServiceGrpc.newBlockingStub(connection.channel()))
          .deleteOverride(
              DeleteOverrideRequest.newBuilder()
                  .setTarget(target.target())
                  .setUnitId(unit)
                  .build());
    }
    out()
        .println(
            "override of unit "
                + TerminalText.clean(unit)
                + " in "
                + TerminalText.clean(target.describe())
                + ": deleted");
    out().flush();
    return AssayCommand.OK;
  }
}
