package dev.assay.cli.tokens;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import dev.assay.security.v1.CreateTokenRequest;
import dev.assay.security.v1.CreateTokenResponse;
import dev.assay.security.v1.TokenServiceGrpc;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code assay tokens create}: a new API token, its secret printed once. */
@Command(
    name = "create",
    description = {
      "Creates a token on the server and prints its secret once. The server checks every value;"
          + " a token never gets a scope or project its creator lacks.",
    })
final class CreateTokenCommand extends AssaySubcommand {
  @Mixin private TokenSpecOptions spec = new TokenSpecOptions();

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    CreateTokenRequest.Builder request =
        CreateTokenRequest.newBuilder()
            .setDisplayName(spec.name)
            .addAllScopes(spec.scopes)
            .addAllProjects(spec.projects);
    Instant expireTime = spec.expireTime(top().clock());
    if (expireTime != null) {
      request.setExpireTime(TokenRows.timestamp(expireTime));
    }
    CreateTokenResponse response;
    try (Connection connection = connect()) {
      response =
          connection
              .write(TokenServiceGrpc.newBlockingStub(connection.channel()))
              .createToken(request.build());
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(response));
    } else {
      TextTable table = TokenRows.table();
      TokenRows.add(table, response.getToken(), top().clock().instant());
      table.print(out());
      out().println();
      SecretOutput.print(out(), response.getSecret());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
