package dev.assay.cli;

/** What one in-process run of the command line produced. */
public record CliResult(int exitCode, String out, String err) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
