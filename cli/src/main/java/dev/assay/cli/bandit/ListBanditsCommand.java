package dev.assay.cli.bandit;

import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.ListBanditsRequest;
import dev.assay.bandit.v1.ListBanditsResponse;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code assay bandit list}: every bandit, all pages. */
@Command(name = "list", description = "Lists every bandit with its policy and arms.")
final class ListBanditsCommand extends AssaySubcommand {
  private static final int PAGE_SIZE = 1000;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    ListBanditsResponse.Builder everything = ListBanditsResponse.newBuilder();
    try (Connection connection = connect(AssayService.BANDIT)) {
      BanditAdminServiceGrpc.BanditAdminServiceBlockingStub stub =
          connection.read(BanditAdminServiceGrpc.newBlockingStub(connection.channel()));
      String pageToken = "";
      do {
        ListBanditsResponse page =
            stub.listBandits(
                ListBanditsRequest.newBuilder()
                    .setPageSize(PAGE_SIZE)
                    .setPageToken(pageToken)
                    .build());
        everything.addAllBandits(page.getBanditsList());
        pageToken = page.getNextPageToken();
      } while (!pageToken.isEmpty());
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      TextTable table = new TextTable("KEY", "POLICY", "STATE", "ARMS", "VERSION", "DESCRIPTION");
      for (Bandit bandit : everything.getBanditsList()) {
        table.add(
            bandit.getKey(),
            bandit.getPolicy().getPolicyCase().name().toLowerCase(Locale.ROOT),
            bandit.getState().name().replace("BANDIT_STATE_", ""),
            String.join(
                ",",
                bandit.getArmsList().stream()
                    .map(arm -> arm.getId() + (arm.getRetired() ? "(retired)" : ""))
                    .toList()),
            Long.toString(bandit.getVersion()),
            bandit.getDescription());
      }
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
