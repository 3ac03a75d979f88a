package dev.assay.cli.overrides;

import dev.assay.assignment.v1.ListOverridesRequest;
import dev.assay.assignment.v1.ListOverridesResponse;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code assay overrides list}: the overrides of one experiment or flag, all pages. */
@Command(
    name = "list",
    description = "Lists the overrides of one experiment or flag, in unit-id order.")
final class ListOverridesCommand extends AssaySubcommand {
  private static final int PAGE_SIZE = 1000;

  @Mixin private OverrideTargetOptions target = new OverrideTargetOptions();

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    ListOverridesResponse.Builder everything = ListOverridesResponse.newBuilder();
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      OverrideServiceGrpc.OverrideServiceBlockingStub stub =
          connection.read(OverrideServiceGrpc.newBlockingStub(connection.channel()));
      String pageToken = "";
      do {
        ListOverridesResponse page =
            stub.listOverrides(
                ListOverridesRequest.newBuilder()
                    .setTarget(target.target())
                    .setPageSize(PAGE_SIZE)
                    .setPageToken(pageToken)
                    .build());
        everything.addAllOverrides(page.getOverridesList());
        pageToken = page.getNextPageToken();
      } while (!pageToken.isEmpty());
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      TextTable table = OverrideRows.table();
      everything.getOverridesList().forEach(o -> OverrideRows.add(table, o));
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
