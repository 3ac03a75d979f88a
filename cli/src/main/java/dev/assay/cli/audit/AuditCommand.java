package dev.assay.cli.audit;

import dev.assay.cli.AssayCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code assay audit}: the append-only trail of every write. */
@Command(
    name = "audit",
    description = "Lists or exports the audit trail (needs the audit:read scope).",
    subcommands = {ListAuditCommand.class, ExportAuditCommand.class})
public final class AuditCommand implements Callable<Integer> {
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
