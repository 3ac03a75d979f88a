package dev.assay.cli.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options that cannot work are refused before any call, with exit code 1. */
class ConnectionOptionsTest {
  @TempDir Path directory;

  private static void assertUsage(String expected, String... args) {
    CliResult result = Cli.run(args);
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().startsWith("assay: " + expected), result::err);
  }

  @Test
  void aTargetWithoutAPortIsRefused() {
    assertUsage("--target: expected HOST:PORT", "--target", "localhost", "tokens", "list");
    assertUsage("--target: expected HOST:PORT", "--target", "localhost:70000", "tokens", "list");
    assertUsage("--target: expected HOST:PORT", "--target", "a b:1", "tokens", "list");
  }

  @Test
  void aClientCertificateNeedsItsKey() {
    assertUsage("--client-cert and --client-key", "--client-cert", "c.pem", "tokens", "list");
  }

  @Test
  void anUnreadableCaFileIsRefused() throws Exception {
    assertUsage(
        "--ca-file: cannot read",
        "--ca-file",
        directory.resolve("missing.pem").toString(),
        "tokens",
        "list");
    Path garbage = Files.writeString(directory.resolve("garbage.pem"), "not a certificate");
    assertUsage(
        "--ca-file/--client-cert/--client-key: cannot use them for TLS",
        "--ca-file",
        garbage.toString(),
        "tokens",
        "list");
  }

  @Test
  void aReasonMustBePrintableAscii() {
    assertUsage(
        "--reason: must be 1-500 printable ASCII", "--reason", "line\nbreak", "tokens", "list");
    assertUsage(
        "--reason: must be 1-500 printable ASCII", "--reason", "x".repeat(501), "tokens", "list");
  }

  @Test
  void aZeroDeadlineIsRefused() {
    assertUsage("--deadline: must be above zero", "--deadline", "0", "tokens", "list");
  }

  @Test
  void aTokenInClearTextToAnotherHostIsWarnedAbout() {
    CliResult result =
        Cli.run(
            Map.of("ASSAY_TOKEN", "ast_x"),
            "--target",
            "192.0.2.1:50051",
            "--deadline",
            "200ms",
            "tokens",
            "list");
    assertTrue(result.err().startsWith("warning: sending the token without TLS"), result::err);
    CliResult local =
        Cli.run(
            Map.of("ASSAY_TOKEN", "ast_x"),
            "--target",
            "127.0.0.1:1",
            "--deadline",
            "2s",
            "tokens",
            "list");
    assertTrue(local.err().contains("(UNAVAILABLE)"), local::err);
  }
}
