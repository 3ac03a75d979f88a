package dev.assay.cli.apply;

import dev.assay.cli.output.TerminalText;
import java.io.PrintWriter;

/**
 * What {@code apply} did to one resource, printed as a heading line ({@code experiment KEY:
 * updated}) and then one indented line per changed field and per extra fact.
 */
public final class ApplyReport {
  private final PrintWriter out;
  private final boolean dryRun;

  /** Prints to {@code out}; in a dry run every verb is conditional ("would be updated"). */
  public ApplyReport(PrintWriter out, boolean dryRun) {
    this.out = out;
    this.dryRun = dryRun;
  }

  /** {@code KIND KEY: created}. */
  public void created(String kind, String key) {
    heading(kind, key, dryRun ? "would be created" : "created");
  }

  /** {@code KIND KEY: unchanged}. */
  public void unchanged(String kind, String key) {
    heading(kind, key, "unchanged");
  }

  /** {@code KIND KEY: updated}, then the changes. */
  public void updated(String kind, String key, ResourceDiff diff) {
    heading(kind, key, dryRun ? "would be updated" : "updated");
    diff.changes().forEach(change -> detail(change.toString()));
  }

  /** One indented line under the current heading. */
  public void detail(String line) {
    out.println("  " + TerminalText.clean(line));
    out.flush();
  }

  private void heading(String kind, String key, String verb) {
    out.println(kind + " " + TerminalText.clean(key) + ": " + verb);
    out.flush();
  }
}
