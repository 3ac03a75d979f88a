package dev.assay.cli.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.support.RealServices;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay ttest} on two 10-million-row files and {@code assay mannwhitney} on two
 * 1-million-row files, streamed to the real analysis service, against scipy's figures in {@code
 * stats/reference.json} (written by {@code generate_reference.py} from the same formula).
 */
class StreamedTestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double RELATIVE = 1e-9;

  private static JsonNode reference;
  private final Map<String, String> environment = RealServices.shared().environment();
  @TempDir Path directory;

  @BeforeAll
  static void readReference() throws IOException {
    try (InputStream in = StreamedTestsTest.class.getResourceAsStream("/stats/reference.json")) {
      reference = JSON.readTree(in);
    }
  }

  /** splitmix64, as generate_reference.py computes it in unsigned 64-bit arithmetic. */
  static long splitmix64(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Writes rows [0, rows) of one column as "%d.%03d" lines under a header. */
  static Path write(Path file, long seed, long modulus, int rows) throws IOException {
    if (Files.exists(file) && Files.size(file) > 0) {
      return file; // same formula, same bytes: reuse across runs
    }
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.US_ASCII)) {
      out.write("value\n");
      StringBuilder line = new StringBuilder(16);
      for (int i = 0; i < rows; i++) {
        long k = Long.remainderUnsigned(splitmix64(seed + i), modulus);
        line.setLength(0);
        line.append(k / 1000).append('.');
        long fraction = k % 1000;
        if (fraction < 100) {
          line.append('0');
        }
        if (fraction < 10) {
          line.append('0');
        }
        line.append(fraction).append('\n');
        out.append(line);
      }
    }
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  private static void assertClose(double expected, double actual, String what) {
    double error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
    assertTrue(
        error <= RELATIVE,
        what + ": expected " + expected + ", got " + actual + " (relative error " + error + ")");
  }

  @Test
  void theFormulaMatchesThePythonGenerator() {
    long seedA = reference.get("seed_a").asLong();
    long seedB = reference.get("seed_b").asLong();
    for (int i = 0; i < 3; i++) {
      double a = Long.remainderUnsigned(splitmix64(seedA + i), 100_000) / 1000.0;
      double b = Long.remainderUnsigned(splitmix64(seedB + i), 100_060) / 1000.0;
      assertEquals(reference.get("first_a").get(i).asDouble(), a);
      assertEquals(reference.get("first_b").get(i).asDouble(), b);
    }
  }

  @Test
  void tenMillionRowTTestMatchesScipy() throws Exception {
    JsonNode expected = reference.get("ttest");
    int rows = expected.get("rows").asInt();
    Path a =
        write(
            Path.of("target", "stats", "a-10m.csv"),
            reference.get("seed_a").asLong(),
            reference.get("mod_a").asLong(),
            rows);
    Path b =
        write(
            Path.of("target", "stats", "b-10m.csv"),
            reference.get("seed_b").asLong(),
            reference.get("mod_b").asLong(),
            rows);
    long start = System.nanoTime();
    CliResult result =
        Cli.run(environment, "ttest", a.toString(), b.toString(), "--output", "json");
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("assay ttest on 2 x " + rows + " rows: " + millis + " ms");
    assertEquals(AssayCommand.OK, result.exitCode(), result::toString);
    assertEquals("", result.err(), "no progress bar when stderr is not a terminal");
    JsonNode r = JSON.readTree(result.out());
    assertEquals(rows, r.get("control").get("count").asLong());
    assertEquals(rows, r.get("treatment").get("count").asLong());
    assertClose(expected.get("statistic").asDouble(), r.get("statistic").asDouble(), "t");
    assertClose(
        expected.get("degrees_of_freedom").asDouble(),
        r.get("degrees_of_freedom").asDouble(),
        "df");
    assertClose(expected.get("p_value").asDouble(), r.get("p_value").asDouble(), "p");
    assertClose(
        expected.get("difference").asDouble(), r.get("difference").asDouble(), "difference");
    assertClose(
        expected.get("ci_lower").asDouble(),
        r.get("difference_interval").get("lower").asDouble(),
        "ci lower");
    assertClose(
        expected.get("ci_upper").asDouble(),
        r.get("difference_interval").get("upper").asDouble(),
        "ci upper");
    assertClose(
        expected.get("control_mean").asDouble(),
        r.get("control").get("mean").asDouble(),
        "control mean");
    assertClose(
        expected.get("control_variance").asDouble(),
        r.get("control").get("variance").asDouble(),
        "control variance");
    assertClose(
        expected.get("treatment_mean").asDouble(),
        r.get("treatment").get("mean").asDouble(),
        "treatment mean");
    assertClose(
        expected.get("treatment_variance").asDouble(),
        r.get("treatment").get("variance").asDouble(),
        "treatment variance");
  }

  @Test
  void oneMillionRowMannWhitneyMatchesScipyWithAProgressBar() throws Exception {
    JsonNode expected = reference.get("mannwhitney");
    int rows = expected.get("rows").asInt();
    Path a =
        write(
            Path.of("target", "stats", "a-1m.csv"),
            reference.get("seed_a").asLong(),
            reference.get("mod_a").asLong(),
            rows);
    Path b =
        write(
            Path.of("target", "stats", "b-1m.csv"),
            reference.get("seed_b").asLong(),
            reference.get("mod_b").asLong(),
            rows);
    CliResult result =
        Cli.run(
            environment,
            "mannwhitney",
            a.toString(),
            b.toString(),
            "--progress",
            "--output",
            "json");
    assertEquals(AssayCommand.OK, result.exitCode(), result::toString);
    JsonNode r = JSON.readTree(result.out());
    assertClose(expected.get("u_statistic").asDouble(), r.get("u_statistic").asDouble(), "U");
    assertClose(expected.get("p_value").asDouble(), r.get("p_value").asDouble(), "p");
    assertTrue(result.err().contains("100.0%"), result::err);
    assertTrue(result.err().contains("ETA"), result::err);
  }

  @Test
  void aNamedColumnIsReadAndATableIsPrinted() throws Exception {
    Path a = directory.resolve("a.csv");
    Path b = directory.resolve("b.csv");
    Files.writeString(a, "user,revenue\nu1,1\nu2,2\nu3,3\nu4,4\n");
    Files.writeString(b, "user,revenue\nu5,2\nu6,3\nu7,4\nu8,5\n");
    CliResult result =
        Cli.run(environment, "ttest", "--column", "revenue", a.toString(), b.toString());
    assertEquals(AssayCommand.OK, result.exitCode(), result::toString);
    // scipy.stats.ttest_ind([2,3,4,5], [1,2,3,4], equal_var=False): t = 1.0954451, p = 0.3153
    assertTrue(result.out().matches("(?s).*\nt statistic +1\\.09545\n.*"), result::out);
    assertTrue(result.out().matches("(?s).*\np-value +0\\.315334\n.*"), result::out);
    assertTrue(result.out().matches("(?s).*\ndifference \\(B - A\\) +1\\.00000\n.*"), result::out);
  }

  @Test
  void aBadValueNamesTheFileAndLineAndSendsNothing() throws Exception {
    Path a = directory.resolve("a.csv");
    Path b = directory.resolve("b.csv");
    Files.writeString(a, "1\n2\n3\n");
    Files.writeString(b, "value\n2\nNaN\n4\n");
    CliResult result = Cli.run(environment, "ttest", a.toString(), b.toString());
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertEquals(
        "assay: " + b + ": line 3: 'NaN' is not a finite number (try 'assay ttest --help')\n",
        result.err());
    assertEquals("", result.out());

    Files.writeString(a, "user,value\nu1,1\nu2,2\n");
    Files.writeString(b, "user,value\nu1,2\nu2\n");
    CliResult shortRow =
        Cli.run(environment, "mannwhitney", "--column", "value", a.toString(), b.toString());
    assertEquals(AssayCommand.BAD_INPUT, shortRow.exitCode(), shortRow::toString);
    assertTrue(shortRow.err().contains("line 3: no column 'value'"), shortRow::err);

    CliResult missing =
        Cli.run(environment, "ttest", a.toString(), directory.resolve("nope.csv").toString());
    assertEquals(AssayCommand.BAD_INPUT, missing.exitCode());
    assertTrue(missing.err().contains("nope.csv: cannot be read"), missing::err);
  }

  @Test
  void theServerRefusingTheDataIsOneLineWithExitCode1() throws Exception {
    Path a = directory.resolve("a.csv");
    Path b = directory.resolve("b.csv");
    Files.writeString(a, "1\n");
    Files.writeString(b, "2\n3\n");
    CliResult result = Cli.run(environment, "ttest", a.toString(), b.toString());
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("assay: "), result::err);
    assertTrue(result.err().endsWith("(INVALID_ARGUMENT)\n"), result::err);
  }
}
