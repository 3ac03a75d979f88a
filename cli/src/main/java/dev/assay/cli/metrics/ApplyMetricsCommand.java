package dev.assay.cli.metrics;

import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.ListMetricsResponse;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.UpdateMetricRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.apply.InvalidResourceFileException;
import dev.assay.cli.apply.ResourceFile;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code assay metrics apply -f FILE}: makes the server's metrics match a file, in the file's order
 * (a ratio after its parts). Each metric is created if absent, replaced whole if it differs (only
 * if nobody changed it since it was read: {@code expected_version}), and left alone if equal.
 */
@Command(
    name = "apply",
    description = {
      "Creates or updates the metrics in FILE (YAML or proto3 JSON: one MetricDefinition, a list of them,"
          + " or {\"metrics\": [...]} as 'list --output json' prints), in order. A metric that"
          + " differs is replaced whole, unless it changed since it was read.",
    })
final class ApplyMetricsCommand extends AssaySubcommand {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The metrics to apply.")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  private Path file;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    List<MetricDefinition> wanted = read();
    TextTable table = new TextTable("ACTION", "KEY", "VERSION");
    ListMetricsResponse.Builder applied = ListMetricsResponse.newBuilder();
    try (Connection connection = connect(AssayService.ANALYSIS)) {
      for (MetricDefinition metric : wanted) {
        Applied result = apply(connection, metric);
        table.add(
            result.action(), result.metric().getKey(), Long.toString(result.metric().getVersion()));
        applied.addMetrics(result.metric());
      }
    } finally {
      // What was applied before a failure is shown too; the failure follows on stderr.
      if (output.isJson()) {
        out().println(ProtoJson.pretty(applied));
      } else {
        table.print(out());
      }
      out().flush();
    }
    return AssayCommand.OK;
  }

  private record Applied(String action, MetricDefinition metric) {}

  private Applied apply(Connection connection, MetricDefinition metric) {
    MetricServiceGrpc.MetricServiceBlockingStub reads =
        connection.read(MetricServiceGrpc.newBlockingStub(connection.channel()));
    MetricServiceGrpc.MetricServiceBlockingStub writes =
        connection.write(MetricServiceGrpc.newBlockingStub(connection.channel()));
    MetricDefinition current;
    try {
      current =
          reads
              .getMetric(GetMetricRequest.newBuilder().setKey(metric.getKey()).build())
              .getMetric();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      MetricDefinition created =
          writes
              .createMetric(CreateMetricRequest.newBuilder().setMetric(metric).build())
              .getMetric();
      return new Applied("created", created);
    }
    if (isSame(current, metric)) {
      return new Applied("unchanged", current);
    }
    MetricDefinition updated =
        writes
            .updateMetric(
                UpdateMetricRequest.newBuilder()
                    .setMetric(metric)
                    .setExpectedVersion(current.getVersion())
                    .build())
            .getMetric();
    return new Applied("updated", updated);
  }

  /** Whether the stored metric already says what the file says (output-only fields aside). */
  private static boolean isSame(MetricDefinition stored, MetricDefinition wanted) {
    MetricDefinition.Builder normalized = wanted.toBuilder().clearVersion().clearUpdateTime();
    if (wanted.getDirection() == MetricDirection.METRIC_DIRECTION_UNSPECIFIED) {
      normalized.setDirection(MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER);
    }
    return normalized.build().equals(stored.toBuilder().clearVersion().clearUpdateTime().build());
  }

  /** The file's metrics, in order; bad input (exit 1, nothing sent) if it is not readable. */
  private List<MetricDefinition> read() {
    try {
      return ResourceFile.read(file, "metrics", MetricDefinition::newBuilder);
    } catch (InvalidResourceFileException e) {
      throw new ParameterException(spec().commandLine(), "--file " + e.getMessage());
    }
  }
}
