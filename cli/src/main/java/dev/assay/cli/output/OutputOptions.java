package dev.assay.cli.output;

import picocli.CommandLine.Option;

/** The {@code --output} option of the commands whose result has a table and a JSON form. */
public final class OutputOptions {
  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (proto3 JSON, proto field names). Default: ${DEFAULT-VALUE}.")
  private OutputFormat format = OutputFormat.table;

  /** The chosen format. */
  public OutputFormat format() {
    return format;
  }

  /** Whether JSON was asked for. */
  public boolean isJson() {
    return format == OutputFormat.json;
  }
}
