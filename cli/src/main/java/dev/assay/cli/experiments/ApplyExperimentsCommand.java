package dev.assay.cli.experiments;

import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.PreviewExperimentChangeRequest;
import dev.assay.assignment.v1.PreviewExperimentChangeResponse;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.apply.ApplyOptions;
import dev.assay.cli.apply.ApplyReport;
import dev.assay.cli.apply.InvalidResourceFileException;
import dev.assay.cli.apply.ResourceDiff;
import dev.assay.cli.apply.ResourceFile;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code assay experiments apply -f FILE [--dry-run]}: makes the stored experiments say what the
 * file says. An absent experiment is created; an equal one is left alone (no write); a different
 * one gets a field-level diff, the share of units the change would move (PreviewExperimentChange),
 * and an update of exactly the changed fields, only if nobody changed it since it was read.
 */
@Command(
    name = "apply",
    description = {
      "Creates or updates the experiments in FILE, in order: prints each change field by field"
          + " (path: old -> new) with the share of units that would move, then writes only the"
          + " changed fields. An experiment equal to the file is not written.",
      "The file states the whole experiment: a field it leaves out takes its default (status"
          + " DRAFT, coverage 1, ...). Bucket ranges the server filled in to keep units in place"
          + " are kept."
    })
final class ApplyExperimentsCommand extends AssaySubcommand {
  /** Written by the server, never by a file. */
  static final Set<String> SERVER_OWNED = Set.of("version", "archived", "update_time");

  @Mixin private ApplyOptions options = new ApplyOptions();

  @Override
  public Integer call() {
    List<Experiment> wanted;
    try {
      wanted = ResourceFile.read(options.file(), "experiments", Experiment::newBuilder);
    } catch (InvalidResourceFileException e) {
      throw badInput("--file " + e.getMessage());
    }
    ApplyReport report = new ApplyReport(out(), options.isDryRun());
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      for (Experiment experiment : wanted) {
        apply(connection, experiment, report);
      }
    }
    return AssayCommand.OK;
  }

  private void apply(Connection connection, Experiment wanted, ApplyReport report) {
    DefinitionServiceGrpc.DefinitionServiceBlockingStub reads =
        connection.read(DefinitionServiceGrpc.newBlockingStub(connection.channel()));
    DefinitionServiceGrpc.DefinitionServiceBlockingStub writes =
        connection.write(DefinitionServiceGrpc.newBlockingStub(connection.channel()));
    Optional<Experiment> current = find(reads, wanted.getKey());
    if (current.isEmpty()) {
      report.created("experiment", wanted.getKey());
      if (!options.isDryRun()) {
        Experiment created =
            writes
                .createExperiment(
                    CreateExperimentRequest.newBuilder().setExperiment(wanted).build())
                .getExperiment();
        report.detail("version " + created.getVersion());
      }
      return;
    }
    // The server's own reading of the file (defaults, bucket ranges that keep units in place),
    // so a file that says what is stored compares equal.
    PreviewExperimentChangeResponse preview =
        reads.previewExperimentChange(
            PreviewExperimentChangeRequest.newBuilder().setExperiment(wanted).build());
    Experiment proposed = preview.getProposed();
    ResourceDiff diff = ResourceDiff.between(current.get(), proposed, SERVER_OWNED);
    if (diff.isEmpty()) {
      report.unchanged("experiment", wanted.getKey());
      return;
    }
    report.updated("experiment", wanted.getKey(), diff);
    report.detail(
        String.format(
            Locale.ROOT,
            "units that would move: %s (switch variation %s, enter %s, leave %s)",
            percent(preview.getMovedFraction()),
            percent(preview.getSwitchedFraction()),
            percent(preview.getEnteredFraction()),
            percent(preview.getLeftFraction())));
    if (options.isDryRun()) {
      return;
    }
    Experiment updated =
        writes
            .updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(proposed)
                    .setUpdateMask(diff.updateMask())
                    .setExpectedVersion(current.get().getVersion())
                    .build())
            .getExperiment();
    report.detail("version " + current.get().getVersion() + " -> " + updated.getVersion());
  }

  private static Optional<Experiment> find(
      DefinitionServiceGrpc.DefinitionServiceBlockingStub reads, String key) {
    try {
      return Optional.of(
          reads
              .getExperiment(GetExperimentRequest.newBuilder().setKey(key).build())
              .getExperiment());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
  }
}
