package dev.assay.cli.flags;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.ListFeatureFlagsRequest;
import dev.assay.assignment.v1.ListFeatureFlagsResponse;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay flags list}: every feature flag, all pages. */
@Command(name = "list", description = "Lists every feature flag in key order.")
public final class ListFlagsCommand extends AssaySubcommand {
  private static final int PAGE_SIZE = 1000;

  @Option(names = "--archived", description = "Include archived flags.")
  private boolean archived;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    ListFeatureFlagsResponse everything;
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      everything = listAll(connection, archived);
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      TextTable table = FlagRows.table();
      everything.getFlagsList().forEach(flag -> FlagRows.add(table, flag));
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }

  /** Every flag, following the page tokens. */
  public static ListFeatureFlagsResponse listAll(Connection connection, boolean archived) {
    ListFeatureFlagsResponse.Builder everything = ListFeatureFlagsResponse.newBuilder();
    DefinitionServiceGrpc.DefinitionServiceBlockingStub stub =
        connection.read(DefinitionServiceGrpc.newBlockingStub(connection.channel()));
    String pageToken = "";
    do {
      ListFeatureFlagsResponse page =
          stub.listFeatureFlags(
              ListFeatureFlagsRequest.newBuilder()
                  .setPageSize(PAGE_SIZE)
                  .setPageToken(pageToken)
                  .setShowArchived(archived)
                  .build());
      everything.addAllFlags(page.getFlagsList());
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return everything.build();
  }
}
