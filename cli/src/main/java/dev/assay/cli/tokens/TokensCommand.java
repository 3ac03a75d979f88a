package dev.assay.cli.tokens;

import dev.assay.cli.AssayCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code assay tokens}: the bearer tokens of a deployment. */
@Command(
    name = "tokens",
    description = {
      "Creates, lists and revokes bearer tokens (needs the tokens:admin scope), or generates one"
          + " offline for the tokens file.",
    },
    subcommands = {
      CreateTokenCommand.class,
      ListTokensCommand.class,
      RevokeTokenCommand.class,
      GenerateTokenCommand.class
    })
public final class TokensCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // injected by picocli
  @Spec
  private CommandSpec spec;

  /** Without a subcommand: the usage, as an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return AssayCommand.BAD_INPUT;
  }
}
