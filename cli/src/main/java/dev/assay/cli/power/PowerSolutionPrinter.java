package dev.assay.cli.power;

import dev.assay.analysis.v1.PowerSolution;
import dev.assay.cli.output.TextTable;
import java.io.PrintWriter;
import java.util.Locale;

/** A solved design as a two-column table. */
final class PowerSolutionPrinter {
  private PowerSolutionPrinter() {}

  static void print(PowerSolution s, PrintWriter out) {
    TextTable table = new TextTable("QUANTITY", "VALUE");
    table.add("control units", Long.toString(s.getControlUnits()));
    table.add("treatment units", Long.toString(s.getTreatmentUnits()));
    table.add("total units", Long.toString(s.getTotalUnits()));
    table.add("power", String.format(Locale.ROOT, "%.4f", s.getPower()));
    table.add(
        "minimum detectable effect",
        String.format(Locale.ROOT, "%.6g", s.getMinimumDetectableEffect()));
    table.add("standardized effect", String.format(Locale.ROOT, "%.6g", s.getStandardizedEffect()));
    table.add(
        "control sample size (unrounded)",
        String.format(Locale.ROOT, "%.4f", s.getControlSampleSize()));
    if (s.getDurationDays() > 0) {
      table.add("duration", s.getDurationDays() + " days");
    }
    table.print(out);
  }
}
