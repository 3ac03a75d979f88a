package dev.assay.runtime.config;

import dev.assay.runtime.server.ServerTlsSettings;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The TLS settings every server shares (a picocli mixin): plaintext unless a certificate and key
 * are given; mutual TLS when a client CA is given too.
 */
public final class TlsOptions {
  @Option(
      names = "--tls-cert-file",
      paramLabel = "FILE",
      description =
          "Server certificate chain, PEM, leaf first; with --tls-key-file turns TLS on."
              + " Unset: plaintext.")
  @Nullable Path certFile;

  @Option(
      names = "--tls-key-file",
      paramLabel = "FILE",
      description =
          "Private key of --tls-cert-file: unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY), RSA or EC.")
  @Nullable Path keyFile;

  @Option(
      names = "--tls-client-ca-file",
      paramLabel = "FILE",
      description =
          "CA certificates, PEM: turns on mutual TLS; every client must present a certificate"
              + " signed by one of them. Unset: no client certificate asked for.")
  @Nullable Path clientCaFile;

  @Option(
      names = "--tls-reload-interval",
      paramLabel = "DURATION",
      defaultValue = "1m",
      description =
          "How often the TLS files are re-read, so a renewed certificate reaches new connections"
              + " without a restart; 1s to 24h. Default: ${DEFAULT-VALUE}.")
  Duration reloadInterval = Duration.ofMinutes(1);

  /**
   * The checked settings, empty for plaintext; the files are read once here so that an unreadable
   * or invalid one stops start-up.
   *
   * @throws InvalidSettingsException naming the first setting that cannot be used
   */
  public Optional<ServerTlsSettings> toSettings() {
    SettingRules.durationInRange(
        "--tls-reload-interval", reloadInterval, Duration.ofSeconds(1), Duration.ofHours(24));
    Path cert = certFile;
    Path key = keyFile;
    if (cert == null && key == null) {
      if (clientCaFile != null) {
        throw InvalidSettingsException.forSetting(
            "--tls-client-ca-file", "needs --tls-cert-file and --tls-key-file (mutual TLS is TLS)");
      }
      return Optional.empty();
    }
    if (cert == null) {
      throw InvalidSettingsException.forSetting(
          "--tls-cert-file", "must be set with --tls-key-file (both or neither)");
    }
    if (key == null) {
      throw InvalidSettingsException.forSetting(
          "--tls-key-file", "must be set with --tls-cert-file (both or neither)");
    }
    X509Certificate leaf = PemFiles.certificates("--tls-cert-file", cert).get(0);
    PemFiles.checkPair(
        "--tls-key-file", PemFiles.privateKey("--tls-key-file", key), "--tls-cert-file", leaf);
    Optional<Path> clientCa = Optional.ofNullable(clientCaFile);
    clientCa.ifPresent(file -> PemFiles.certificates("--tls-client-ca-file", file));
    return Optional.of(new ServerTlsSettings(cert, key, clientCa, reloadInterval));
  }
}
