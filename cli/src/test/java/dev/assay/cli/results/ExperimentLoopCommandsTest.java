package dev.assay.cli.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.Timestamps;
import dev.assay.analysis.v1.OutcomeEvent;
import dev.assay.analysis.v1.OutcomeServiceGrpc;
import dev.assay.analysis.v1.RecordOutcomesRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.support.RealServices;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay explain} and {@code assay results} on the whole loop: the real assignment service
 * records exposures into the real analysis service, which answers results.
 */
class ExperimentLoopCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int UNITS = 60;

  @TempDir Path directory;
  private final RealServices services = RealServices.shared();
  private final Map<String, String> environment = services.environment();
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String experiment = "cli-loop-" + id;
  private final String metric = "cli-signup-" + id;

  private void setUp() throws Exception {
    Path metrics = directory.resolve("metric.json");
    Files.writeString(
        metrics, "{\"key\": \"" + metric + "\", \"kind\": \"METRIC_KIND_CONVERSION\"}");
    CliResult metricApplied = Cli.run(environment, "metrics", "apply", "-f", metrics.toString());
    assertEquals(AssayCommand.OK, metricApplied.exitCode(), metricApplied::toString);
    Path file = directory.resolve("experiment.yaml");
    Files.writeString(
        file,
        """
        key: %s
        status: EXPERIMENT_STATUS_RUNNING
        variations: [{key: control, weight: 0.5}, {key: treatment, weight: 0.5}]
        analysis: {primary_metric: %s, planned_units: 200}
        """
            .formatted(experiment, metric));
    CliResult applied = Cli.run(environment, "experiments", "apply", "-f", file.toString());
    assertEquals(AssayCommand.OK, applied.exitCode(), applied::toString);
  }

  private JsonNode results() throws Exception {
    CliResult json = Cli.run(environment, "results", experiment, "--output", "json");
    assertEquals(AssayCommand.OK, json.exitCode(), json::toString);
    return JSON.readTree(json.out());
  }

  private long exposed() throws Exception {
    return results().path("progress").path("exposed_units").asLong(0);
  }

  @Test
  void explainShowsReasonBucketAndOverrideAndRecordsNoExposureThenResultsShowTheLoop()
      throws Exception {
    setUp();
    CliResult override =
        Cli.run(
            environment,
            "overrides",
            "set",
            "--experiment",
            experiment,
            "--unit",
            "qa-" + id,
            "--variation",
            "treatment");
    assertEquals(AssayCommand.OK, override.exitCode(), override::toString);

    CliResult explained =
        Cli.run(environment, "explain", "--unit", "qa-" + id, "--attr", "country=FR");
    assertEquals(AssayCommand.OK, explained.exitCode(), explained::toString);
    String overridden =
        explained.out().lines().filter(l -> l.contains(experiment)).findFirst().orElseThrow();
    assertTrue(
        overridden.matches("experiment +" + experiment + " +treatment +OVERRIDE +.* +yes.*"),
        overridden);
    CliResult plain = Cli.run(environment, "explain", "--unit", "user-1-" + id);
    String bucketed =
        plain.out().lines().filter(l -> l.contains(experiment)).findFirst().orElseThrow();
    assertTrue(
        bucketed.matches(
            "experiment +" + experiment + " +(control|treatment) +BUCKET +0\\.\\d{4} +no.*"),
        bucketed);
    CliResult badAttr = Cli.run(environment, "explain", "--unit", "u", "--attr", "country");
    assertEquals(AssayCommand.BAD_INPUT, badAttr.exitCode());
    assertTrue(badAttr.err().startsWith("assay: --attr: expected NAME=VALUE"), badAttr::err);

    // Evaluations by a client do record exposures; explaining did not.
    ManagedChannel assignment =
        NettyChannelBuilder.forTarget(services.assignmentTarget()).usePlaintext().build();
    ManagedChannel analysis =
        NettyChannelBuilder.forTarget(services.analysisTarget()).usePlaintext().build();
    try {
      EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation =
          EvaluationServiceGrpc.newBlockingStub(assignment);
      RecordOutcomesRequest.Builder outcomes = RecordOutcomesRequest.newBuilder();
      for (int i = 0; i < UNITS; i++) {
        String unit = "unit-" + i + "-" + id;
        evaluation.evaluate(
            EvaluateRequest.newBuilder().setUnitId(unit).addExperimentKeys(experiment).build());
        if (i % 3 == 0) {
          outcomes.addEvents(
              OutcomeEvent.newBuilder()
                  .setEventId("e-" + unit)
                  .setUnitId(unit)
                  .setMetricKey(metric)
                  .setValue(1)
                  .setTime(Timestamps.fromMillis(System.currentTimeMillis())));
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (exposed() < UNITS && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(UNITS, exposed(), "every evaluated unit, and neither explained unit");
      OutcomeServiceGrpc.newBlockingStub(analysis).recordOutcomes(outcomes.build());
    } finally {
      assignment.shutdownNow();
      analysis.shutdownNow();
    }

    CliResult table = Cli.run(environment, "results", experiment);
    assertEquals(AssayCommand.OK, table.exitCode(), table::toString);
    List<String> lines = table.out().lines().toList();
    assertTrue(lines.get(0).startsWith("experiment " + experiment + "  as of "), table::out);
    assertTrue(table.out().contains("\nprogress: 60 / 200 units (30.0%)"), table::out);
    assertTrue(table.out().contains("\nsample ratio: "), table::out);
    String header = lines.stream().filter(l -> l.startsWith("METRIC")).findFirst().orElseThrow();
    assertTrue(header.contains("CHANCE TO BEAT CONTROL"), header);
    List<String> rows = lines.stream().filter(l -> l.startsWith(metric)).toList();
    assertEquals(2, rows.size(), table::out);
    assertTrue(
        rows.get(0).matches(metric + " +primary +control \\(control\\) +\\d+ .*"), rows.get(0));
    assertTrue(rows.get(1).contains("(not valid yet)"), "60 of 200 planned: " + rows.get(1));

    JsonNode json = results();
    JsonNode variations = json.path("metrics").get(0).path("variations");
    long units =
        variations.get(0).path("units").asLong() + variations.get(1).path("units").asLong();
    assertEquals(UNITS, units);
    double rate = variations.get(0).path("value").asDouble();

    CliResult csv = Cli.run(environment, "results", experiment, "--output", "csv");
    List<String> csvLines = csv.out().lines().toList();
    assertEquals(3, csvLines.size(), csv::out);
    assertEquals(String.join(",", ResultsCsv.HEADER), csvLines.get(0));
    String[] control = csvLines.get(1).split(",", -1);
    assertEquals(ResultsCsv.HEADER.size(), control.length);
    assertEquals(experiment, control[0]);
    assertEquals(metric, control[1]);
    assertEquals(rate, Double.parseDouble(control[6]));
    assertEquals("", control[9], "no lift for control");
    String[] treatment = csvLines.get(2).split(",", -1);
    assertEquals("false", treatment[16], "p-value not valid before the planned units");

    CliResult unknown = Cli.run(environment, "results", "--output", "xml", experiment);
    assertEquals(AssayCommand.BAD_INPUT, unknown.exitCode());
    assertTrue(
        unknown.err().startsWith("assay: Invalid value for option '--output'"), unknown::err);
  }
}
