package dev.assay.cli.experiments;

import com.google.protobuf.FieldMask;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.TerminalText;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay experiments stop KEY [--roll-out VARIATION]}: stops an experiment, serving nothing
 * or one variation to every targeted unit. Only if nobody changed it since it was read.
 */
@Command(
    name = "stop",
    description =
        "Stops an experiment. With --roll-out, every targeted unit then sees that variation;"
            + " without, no unit is in the experiment any more.")
final class StopExperimentCommand extends AssaySubcommand {
  @Parameters(paramLabel = "KEY", description = "The experiment's key.")
  private String key = "";

  @Option(
      names = "--roll-out",
      paramLabel = "VARIATION",
      description = "Key of the variation to serve to every targeted unit.")
  private @Nullable String rollOut;

  @Override
  public Integer call() {
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      Experiment current =
          connection
              .read(DefinitionServiceGrpc.newBlockingStub(connection.channel()))
              .getExperiment(GetExperimentRequest.newBuilder().setKey(key).build())
              .getExperiment();
      Experiment.Builder stopped =
          Experiment.newBuilder().setKey(key).setStatus(ExperimentStatus.EXPERIMENT_STATUS_STOPPED);
      if (rollOut != null) {
        stopped.setRolledOutVariation(variationIndex(current, rollOut));
      }
      Experiment stored =
          connection
              .write(DefinitionServiceGrpc.newBlockingStub(connection.channel()))
              .updateExperiment(
                  UpdateExperimentRequest.newBuilder()
                      .setExperiment(stopped)
                      .setUpdateMask(
                          FieldMask.newBuilder()
                              .addPaths("status")
                              .addPaths("rolled_out_variation"))
                      .setExpectedVersion(current.getVersion())
                      .build())
              .getExperiment();
      out()
          .println(
              "experiment "
                  + TerminalText.clean(key)
                  + ": stopped"
                  + (rollOut == null
                      ? ", no unit is in it"
                      : ", rolled out " + TerminalText.clean(rollOut) + " to every targeted unit")
                  + " (version "
                  + stored.getVersion()
                  + ")");
    }
    out().flush();
    return AssayCommand.OK;
  }

  private int variationIndex(Experiment experiment, String variationKey) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < experiment.getVariationsCount(); i++) {
      if (experiment.getVariations(i).getKey().equals(variationKey)) {
        return i;
      }
      keys.add(experiment.getVariations(i).getKey());
    }
    throw badInput(
        "--roll-out: experiment "
            + key
            + " has no variation '"
            + variationKey
            + "'; its variations are "
            + String.join(", ", keys));
  }
}
