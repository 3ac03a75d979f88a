package dev.assay.cli.experiments;

import dev.assay.assignment.v1.Experiment;
import dev.assay.cli.output.TextTable;
import java.util.Locale;
import java.util.stream.Collectors;

/** Experiments as table rows: the columns an operator scans. */
final class ExperimentRows {
  private ExperimentRows() {}

  static TextTable table() {
    return new TextTable("KEY", "STATUS", "COVERAGE", "VARIATIONS", "VERSION", "NAME");
  }

  static void add(TextTable table, Experiment experiment) {
    table.add(
        experiment.getKey(),
        status(experiment),
        String.format(Locale.ROOT, "%.0f%%", experiment.getCoverage() * 100),
        experiment.getVariationsList().stream()
            .map(v -> v.getKey() + "=" + String.format(Locale.ROOT, "%.3g", v.getWeight()))
            .collect(Collectors.joining(",")),
        Long.toString(experiment.getVersion()),
        experiment.getName());
  }

  /** RUNNING, DRAFT, STOPPED (rolled out: KEY), ARCHIVED. */
  static String status(Experiment experiment) {
    if (experiment.getArchived()) {
      return "ARCHIVED";
    }
    String status = experiment.getStatus().name().replace("EXPERIMENT_STATUS_", "");
    if (experiment.hasRolledOutVariation()) {
      int index = experiment.getRolledOutVariation();
      String variation =
          index >= 0 && index < experiment.getVariationsCount()
              ? experiment.getVariations(index).getKey()
              : Integer.toString(index);
      return status + "(" + variation + ")";
    }
    return status;
  }
}
