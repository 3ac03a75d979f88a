package dev.assay.cli.tokens;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import dev.assay.security.v1.RevokeTokenRequest;
import dev.assay.security.v1.RevokeTokenResponse;
import dev.assay.security.v1.TokenServiceGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code assay tokens revoke ID}: an API token stops working. */
@Command(
    name = "revoke",
    description = {
      "Revokes an API token: refused at once by the server called and within a second by every"
          + " other sharing its Redis. A file token is removed by editing the tokens file.",
    })
final class RevokeTokenCommand extends AssaySubcommand {
  @Parameters(paramLabel = "ID", description = "The token's id (16 hex characters).")
  private String id = "";

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    RevokeTokenResponse response;
    try (Connection connection = connect()) {
      response =
          connection
              .write(TokenServiceGrpc.newBlockingStub(connection.channel()))
              .revokeToken(RevokeTokenRequest.newBuilder().setId(id).build());
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(response));
    } else {
      TextTable table = TokenRows.table();
      TokenRows.add(table, response.getToken(), top().clock().instant());
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
