package dev.assay.cli.apply;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every {@code apply} shares: the file, and whether to write. */
public final class ApplyOptions {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description =
          "YAML or JSON: one resource in proto3 JSON form (as 'get --output json' prints it),"
              + " a list of them, or the list form 'list --output json' prints.")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  private Path file;

  @Option(
      names = "--dry-run",
      description = "Print what would change, including the units that would move; write nothing.")
  private boolean dryRun;

  /** The file to apply. */
  public Path file() {
    return file;
  }

  /** Whether to only print the plan. */
  public boolean isDryRun() {
    return dryRun;
  }
}
