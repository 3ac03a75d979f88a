package dev.assay.cli.explain;

import com.google.protobuf.Struct;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.FlagEvaluation;
import dev.assay.assignment.v1.Reason;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.experiments.ExperimentListing;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay explain --unit ID [--attr k=v ...]}: why a unit sees what it sees, for every
 * experiment and flag. Evaluates with {@code skip_exposures}: explaining is not showing, so it must
 * not count the unit as exposed.
 */
@Command(
    name = "explain",
    description = {
      "Shows every experiment and flag for one unit: its variation or value, the reason, its"
          + " hash bucket, and whether an override decided. Records no exposure.",
      "Attribute values are read as JSON when they are a number, true, false or null, else as"
          + " text: --attr country=FR --attr age=31."
    })
public final class ExplainCommand extends AssaySubcommand {
  /** The most keys one Evaluate call takes. */
  static final int MAX_KEYS_PER_CALL = 1000;

  @Option(names = "--unit", required = true, paramLabel = "ID", description = "The unit id.")
  private String unit = "";

  @Option(
      names = "--attr",
      paramLabel = "NAME=VALUE",
      description = "An attribute for targeting and hashing; repeat for more.")
  private List<String> attributes = new ArrayList<>();

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    Struct attributeStruct = attributes();
    EvaluateResponse.Builder everything = EvaluateResponse.newBuilder();
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      EvaluationServiceGrpc.EvaluationServiceBlockingStub stub =
          connection.read(EvaluationServiceGrpc.newBlockingStub(connection.channel()));
      // Every experiment by key (an empty list would mean only the running ones), so drafts and
      // stopped experiments show why they assign nothing.
      List<String> keys =
          ExperimentListing.all(connection, false).getExperimentsList().stream()
              .map(Experiment::getKey)
              .toList();
      EvaluateRequest.Builder request =
          EvaluateRequest.newBuilder()
              .setUnitId(unit)
              .setAttributes(attributeStruct)
              .setSkipExposures(true);
      // The flags come with the first call (no flag key means every flag); later calls only add
      // experiments.
      EvaluateResponse first =
          stub.evaluate(
              request
                  .addAllExperimentKeys(keys.subList(0, Math.min(keys.size(), MAX_KEYS_PER_CALL)))
                  .build());
      everything.mergeFrom(first);
      for (int from = MAX_KEYS_PER_CALL; from < keys.size(); from += MAX_KEYS_PER_CALL) {
        EvaluateResponse more =
            stub.evaluate(
                request
                    .clearExperimentKeys()
                    .addAllExperimentKeys(
                        keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_CALL)))
                    .build());
        everything.addAllAssignments(more.getAssignmentsList());
      }
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      print(everything.build());
    }
    out().flush();
    return AssayCommand.OK;
  }

  private void print(EvaluateResponse response) {
    TextTable table =
        new TextTable("KIND", "KEY", "VARIATION/VALUE", "REASON", "BUCKET", "OVERRIDE", "RULE");
    for (ExperimentAssignment a : response.getAssignmentsList()) {
      table.add(
          "experiment",
          a.getExperimentKey(),
          a.getInExperiment() ? a.getVariationKey() : "-",
          reason(a.getReason()),
          bucket(a.getBucket()),
          a.getReason() == Reason.REASON_OVERRIDE ? "yes" : "no",
          "");
    }
    for (FlagEvaluation f : response.getFlagsList()) {
      boolean viaExperiment = f.hasExperiment();
      table.add(
          "flag",
          f.getFlagKey(),
          ProtoJson.line(f.getValue()),
          reason(f.getReason())
              + (viaExperiment
                  ? " ("
                      + f.getExperiment().getExperimentKey()
                      + ": "
                      + f.getExperiment().getVariationKey()
                      + ")"
                  : ""),
          viaExperiment ? bucket(f.getExperiment().getBucket()) : "-",
          f.getReason() == Reason.REASON_OVERRIDE
                  || (viaExperiment && f.getExperiment().getReason() == Reason.REASON_OVERRIDE)
              ? "yes"
              : "no",
          f.getRuleId());
    }
    table.print(out());
  }

  private static String reason(Reason reason) {
    return reason.name().replace("REASON_", "");
  }

  private static String bucket(double bucket) {
    return bucket < 0 ? "-" : String.format(Locale.ROOT, "%.4f", bucket);
  }

  private Struct attributes() {
    Map<String, com.google.protobuf.Value> values = new LinkedHashMap<>();
    for (String attribute : attributes) {
      int equals = attribute.indexOf('=');
      if (equals <= 0) {
        throw badInput("--attr: expected NAME=VALUE, got '" + attribute + "'");
      }
      values.put(
          attribute.substring(0, equals), AttributeValue.parse(attribute.substring(equals + 1)));
    }
    return Struct.newBuilder().putAllFields(values).build();
  }
}
