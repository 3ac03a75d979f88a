package dev.assay.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.runtime.server.GrpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay metrics list|get|apply} against a server speaking the metric contract. */
class MetricsCommandTest {
  private static final String FILE =
      """
      {"metrics": [
        {"key": "checkout.revenue", "name": "Revenue", "kind": "METRIC_KIND_SUM",
         "winsorize_cap": 2000, "attribution_window": "604800s"},
        {"key": "checkout.orders", "kind": "METRIC_KIND_COUNT",
         "direction": "METRIC_DIRECTION_INCREASE_IS_BETTER"},
        {"key": "checkout.aov", "kind": "METRIC_KIND_RATIO",
         "numerator_metric": "checkout.revenue", "denominator_metric": "checkout.orders"}
      ]}
      """;

  private static final Pattern WORDS = Pattern.compile("\\s+");

  @TempDir Path directory;
  private final FakeMetricService metrics = new FakeMetricService();
  private GrpcServer server;
  private Map<String, String> environment;

  @BeforeEach
  void start() throws Exception {
    server =
        GrpcServer.builder("analysis", GrpcServer.netty("127.0.0.1", 0))
            .addService(metrics)
            .shutdownGrace(Duration.ZERO)
            .build()
            .start();
    environment = Map.of("ASSAY_TARGET", "127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private CliResult apply(String json) throws Exception {
    Path file = directory.resolve("metrics.json");
    Files.writeString(file, json);
    return Cli.run(environment, "metrics", "apply", "-f", file.toString());
  }

  private static List<String> column(CliResult result, int column) {
    return result
        .out()
        .lines()
        .skip(1)
        .map(line -> WORDS.splitAsStream(line).toList().get(column))
        .toList();
  }

  @Test
  void applyCreatesInFileOrderThenLeavesEqualMetricsAloneThenReplacesAChangedOne()
      throws Exception {
    CliResult created = apply(FILE);
    assertEquals(AssayCommand.OK, created.exitCode(), created::toString);
    assertEquals(List.of("created", "created", "created"), column(created, 0), created::out);
    assertEquals(
        List.of("create checkout.revenue", "create checkout.orders", "create checkout.aov"),
        metrics.calls);

    CliResult again = apply(FILE);
    assertEquals(List.of("unchanged", "unchanged", "unchanged"), column(again, 0), again::out);
    assertEquals(3, metrics.calls.size(), "an unchanged metric is not written");

    CliResult changed = apply(FILE.replace("\"Revenue\"", "\"Net revenue\""));
    assertEquals(List.of("updated", "unchanged", "unchanged"), column(changed, 0), changed::out);
    assertEquals(List.of("2", "1", "1"), column(changed, 2), changed::out);
    assertEquals("Net revenue", metrics.metrics.get("checkout.revenue").getName());
  }

  @Test
  void applyTakesOneMetricOrAnArrayToo() throws Exception {
    assertEquals(
        AssayCommand.OK,
        apply("{\"key\": \"signup\", \"kind\": \"METRIC_KIND_CONVERSION\"}").exitCode());
    assertEquals(
        AssayCommand.OK,
        apply("[{\"key\": \"a\", \"kind\": \"METRIC_KIND_SUM\"}, {\"key\": \"b\", \"kind\": 4}]")
            .exitCode());
    assertEquals(List.of("a", "b", "signup"), List.copyOf(metrics.metrics.keySet()));
  }

  @Test
  void aFileThatIsNotMetricJsonIsAUsageErrorAndSendsNothing() throws Exception {
    for (String bad :
        List.of(
            "{not json",
            "{\"key\": \"a\", \"kynd\": \"METRIC_KIND_SUM\"}",
            "{\"metrics\": [{\"key\": 5, \"kind\": \"NOPE\"}]}")) {
      CliResult result = apply(bad);
      assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
      assertTrue(result.err().contains("--file"), result::err);
    }
    CliResult missing =
        Cli.run(environment, "metrics", "apply", "-f", directory.resolve("nope").toString());
    assertEquals(AssayCommand.BAD_INPUT, missing.exitCode(), missing::toString);
    assertTrue(metrics.calls.isEmpty());
  }

  @Test
  void listAndGetShowTheMetricsAndAnUnknownKeyIsAServerError() throws Exception {
    apply(FILE);

    CliResult listed = Cli.run(environment, "metrics", "list");
    assertEquals(AssayCommand.OK, listed.exitCode(), listed::toString);
    assertEquals(
        List.of("KEY", "checkout.aov", "checkout.orders", "checkout.revenue"),
        listed
            .out()
            .lines()
            .map(line -> WORDS.splitAsStream(line).findFirst().orElseThrow())
            .toList());
    assertTrue(listed.out().lines().skip(3).findFirst().orElseThrow().contains("SUM"));

    CliResult json = Cli.run(environment, "metrics", "get", "checkout.revenue", "--output", "json");
    assertEquals(AssayCommand.OK, json.exitCode(), json::toString);
    assertTrue(json.out().contains("\"winsorize_cap\": 2000.0"), json::out);

    CliResult unknown = Cli.run(environment, "metrics", "get", "nothing");
    assertEquals(AssayCommand.BAD_INPUT, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().contains("NOT_FOUND"), unknown::err);
  }
}
