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
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay tokens create}: a new API token, its secret printed once. */
@Command(
    name = "create",
    description = {
      "Creates a token on the server and prints its secret once. The server checks every value;"
          + " a token never gets a scope or project its creator lacks.",
    })
final class CreateTokenCommand extends AssaySubcommand {
  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "What the token is for, 1-200 characters (e.g. \"checkout backend, prod\").")
  private String name = "";

  @Option(
      names = "--scope",
      required = true,
      paramLabel = "SCOPE",
      completionCandidates = ScopeNames.class,
      description = "A scope the token holds; repeat for more. One of: ${COMPLETION-CANDIDATES}.")
  private List<String> scopes = new ArrayList<>();

  @Option(
      names = "--project",
      paramLabel = "PREFIX",
      description = "Limit the token to keys with this prefix; repeat for more. None: every key.")
  private List<String> projects = new ArrayList<>();

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private @Nullable ExpiryOptions expiry;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    CreateTokenRequest.Builder request =
        CreateTokenRequest.newBuilder()
            .setDisplayName(name)
            .addAllScopes(scopes)
            .addAllProjects(projects);
    if (expiry != null) {
      request.setExpireTime(TokenRows.timestamp(expiry.expireTime(top().clock())));
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
