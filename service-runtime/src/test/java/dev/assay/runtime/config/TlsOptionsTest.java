package dev.assay.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.server.ServerTlsSettings;
import dev.assay.runtime.testing.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/** The --tls-* settings: both files or neither, files that cannot serve stop start-up by name. */
class TlsOptionsTest {
  /** The TLS flags alone. */
  @Command(name = "demo")
  static final class TlsOnly implements SettingsCommand<Optional<ServerTlsSettings>> {
    @Mixin TlsOptions tls = new TlsOptions();

    @Override
    public Optional<ServerTlsSettings> toSettings() {
      return tls.toSettings();
    }
  }

  private final TestCertificates certs = TestCertificates.copy();

  @AfterEach
  void deleteCopies() {
    certs.delete();
  }

  private Optional<ServerTlsSettings> parse(Map<String, String> env, String... args) {
    List<String> resolved = new ArrayList<>();
    for (String arg : args) {
      resolved.add(arg.replace("@", certs.directory() + "/"));
    }
    return SettingsParser.parse(
            new TlsOnly(),
            resolved.toArray(String[]::new),
            env,
            new PrintWriter(new StringWriter()))
        .orElseThrow();
  }

  private String failure(String... args) {
    return assertThrows(InvalidSettingsException.class, () -> parse(Map.of(), args)).getMessage();
  }

  @Test
  void withoutSettingsTheServerIsPlaintext() {
    assertEquals(Optional.empty(), parse(Map.of()));
  }

  @Test
  void aCertificateAndItsKeyTurnTlsOnWithTheDefaultReloadInterval() {
    ServerTlsSettings tls =
        parse(Map.of(), "--tls-cert-file=@server.pem", "--tls-key-file=@server.key").orElseThrow();
    assertEquals(certs.serverCert(), tls.certFile());
    assertEquals(certs.serverKey(), tls.keyFile());
    assertEquals(Optional.empty(), tls.clientCaFile());
    assertEquals(Duration.ofMinutes(1), tls.reloadInterval());
  }

  @Test
  void theEnvironmentSetsMutualTlsAndTheReloadInterval() {
    ServerTlsSettings tls =
        parse(
                Map.of(
                    "ASSAY_TLS_CERT_FILE", certs.serverCert().toString(),
                    "ASSAY_TLS_KEY_FILE", certs.serverKey().toString(),
                    "ASSAY_TLS_CLIENT_CA_FILE", certs.caCert().toString(),
                    "ASSAY_TLS_RELOAD_INTERVAL", "30s"))
            .orElseThrow();
    assertTrue(tls.isMutual());
    assertEquals(Duration.ofSeconds(30), tls.reloadInterval());
  }

  @Test
  void ecKeysInPkcs8Work() {
    assertTrue(
        parse(Map.of(), "--tls-cert-file=@server-ec.pem", "--tls-key-file=@server-ec.key")
            .isPresent());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--tls-cert-file=@server.pem | | --tls-key-file (env ASSAY_TLS_KEY_FILE) must be set with"
            + " --tls-cert-file",
        "--tls-key-file=@server.key | | --tls-cert-file (env ASSAY_TLS_CERT_FILE) must be set with"
            + " --tls-key-file",
        "--tls-client-ca-file=@ca.pem | | --tls-client-ca-file (env ASSAY_TLS_CLIENT_CA_FILE)"
            + " needs --tls-cert-file",
        "--tls-cert-file=@missing.pem | --tls-key-file=@server.key | --tls-cert-file (env"
            + " ASSAY_TLS_CERT_FILE) cannot be read:",
        "--tls-cert-file=@server.key | --tls-key-file=@server.key | --tls-cert-file (env"
            + " ASSAY_TLS_CERT_FILE) holds no PEM certificate",
        "--tls-cert-file=@server.pem | --tls-key-file=@server-pkcs1.key | --tls-key-file (env"
            + " ASSAY_TLS_KEY_FILE) is a PKCS#1 key (BEGIN RSA PRIVATE KEY), PKCS#8 is needed;"
            + " convert it: openssl pkcs8 -topk8 -nocrypt",
        "--tls-cert-file=@server-ec.pem | --tls-key-file=@server-ec-sec1.key | --tls-key-file (env"
            + " ASSAY_TLS_KEY_FILE) is a SEC1 key (BEGIN EC PRIVATE KEY)",
        "--tls-cert-file=@server.pem | --tls-key-file=@server-encrypted.key | --tls-key-file (env"
            + " ASSAY_TLS_KEY_FILE) is encrypted",
        "--tls-cert-file=@server.pem | --tls-key-file=@server.pem | --tls-key-file (env"
            + " ASSAY_TLS_KEY_FILE) holds no PEM private key",
        "--tls-cert-file=@server.pem | --tls-key-file=@server2.key | --tls-key-file (env"
            + " ASSAY_TLS_KEY_FILE) does not hold the private key of the first certificate in"
            + " --tls-cert-file",
        "--tls-cert-file=@server.pem | --tls-key-file=@server.key | --tls-client-ca-file (env"
            + " ASSAY_TLS_CLIENT_CA_FILE) holds no PEM certificate",
      })
  void aFileThatCannotServeNamesItsSetting(String first, String second, String expected) {
    List<String> args = new ArrayList<>(List.of(first));
    if (second != null) {
      args.add(second);
    }
    if (expected.startsWith("--tls-client-ca-file (env ASSAY_TLS_CLIENT_CA_FILE) holds")) {
      args.add("--tls-client-ca-file=@client.key");
    }
    String message = failure(args.toArray(String[]::new));
    assertTrue(message.startsWith(expected), message);
  }

  @Test
  void aCorruptCertificateIsNamed() throws Exception {
    Files.writeString(
        certs.file("corrupt.pem"),
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    String message = failure("--tls-cert-file=@corrupt.pem", "--tls-key-file=@server.key");
    assertTrue(
        message.startsWith("--tls-cert-file (env ASSAY_TLS_CERT_FILE) is not a valid PEM"),
        message);
  }

  @ParameterizedTest
  @CsvSource({"500ms", "25h", "0"})
  void theReloadIntervalIsOneSecondToOneDay(String interval) {
    String message =
        failure(
            "--tls-cert-file=@server.pem",
            "--tls-key-file=@server.key",
            "--tls-reload-interval=" + interval);
    assertTrue(message.contains("--tls-reload-interval"), message);
    assertTrue(message.contains("between PT1S and PT24H"), message);
  }

  @Test
  void everyTlsSettingIsAKnownEnvironmentVariable() {
    for (OptionSpec option :
        SettingsParser.commandLine(new TlsOnly(), Map.of()).getCommandSpec().options()) {
      String variable = EnvironmentDefaults.environmentName(option.longestName());
      assertTrue(AssayEnvironment.KNOWN.contains(variable), variable);
    }
  }
}
