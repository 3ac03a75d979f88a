package dev.assay.cli.tokens;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import dev.assay.security.v1.ListTokensRequest;
import dev.assay.security.v1.ListTokensResponse;
import dev.assay.security.v1.TokenServiceGrpc;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay tokens list}: every token the caller may see, all pages. */
@Command(
    name = "list",
    description = "Lists tokens (API and file), newest first; active ones unless --all.")
final class ListTokensCommand extends AssaySubcommand {
  private static final int PAGE_SIZE = 1000;

  @Option(names = "--all", description = "Include revoked and expired tokens.")
  private boolean all;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    ListTokensResponse.Builder everything = ListTokensResponse.newBuilder();
    try (Connection connection = connect()) {
      String pageToken = "";
      do {
        ListTokensResponse page =
            connection
                .read(TokenServiceGrpc.newBlockingStub(connection.channel()))
                .listTokens(
                    ListTokensRequest.newBuilder()
                        .setPageSize(PAGE_SIZE)
                        .setPageToken(pageToken)
                        .setShowInactive(all)
                        .build());
        everything.addAllTokens(page.getTokensList());
        pageToken = page.getNextPageToken();
      } while (!pageToken.isEmpty());
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      Instant now = top().clock().instant();
      TextTable table = TokenRows.table();
      everything.getTokensList().forEach(token -> TokenRows.add(table, token, now));
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
