package dev.assay.cli.flags;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.GetFeatureFlagRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code assay flags get KEY}: one feature flag. */
@Command(
    name = "get",
    description = "Shows one feature flag (--output json for its rules, as apply reads it).")
final class GetFlagCommand extends AssaySubcommand {
  @Parameters(paramLabel = "KEY", description = "The flag's key.")
  private String key = "";

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    FeatureFlag flag;
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      flag =
          connection
              .read(DefinitionServiceGrpc.newBlockingStub(connection.channel()))
              .getFeatureFlag(GetFeatureFlagRequest.newBuilder().setKey(key).build())
              .getFlag();
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(flag));
    } else {
      TextTable table = FlagRows.table();
      FlagRows.add(table, flag);
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
