package dev.assay.cli.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.SecuredServer;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI over TLS to a server that requires a client certificate signed by its CA. */
class MutualTlsTest {
  @TempDir static Path directory;
  private static TestCertificates certificates;
  private static SecuredServer server;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(TestCertificates.opensslAvailable(), "needs the openssl command");
    certificates = TestCertificates.create(directory);
    TlsServerCredentials.Builder credentials =
        TlsServerCredentials.newBuilder()
            .keyManager(certificates.serverCert().toFile(), certificates.serverKey().toFile())
            .trustManager(certificates.ca().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    server =
        SecuredServer.start(
            directory,
            NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials.build()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theCaFileAndAClientCertificateConnect() {
    CliResult result =
        Cli.run(
            server.asAdmin(),
            "--ca-file",
            certificates.ca().toString(),
            "--client-cert",
            certificates.clientCert().toString(),
            "--client-key",
            certificates.clientKey().toString(),
            "tokens",
            "list");
    assertEquals(AssayCommand.OK, result.exitCode(), result::toString);
    assertTrue(result.out().contains(server.adminId()), result::out);
    assertTrue(result.err().isEmpty(), "no clear-text warning over TLS: " + result.err());
  }

  @Test
  void withoutAClientCertificateTheServerRefuses() {
    CliResult result =
        Cli.run(
            server.asAdmin(),
            "--ca-file",
            certificates.ca().toString(),
            "--deadline",
            "10s",
            "tokens",
            "list");
    assertEquals(AssayCommand.UNAVAILABLE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("(UNAVAILABLE)"), result::err);
  }

  @Test
  void theSystemTrustStoreDoesNotTrustATestCa() {
    CliResult result =
        Cli.run(
            server.asAdmin(),
            "--tls",
            "--client-cert",
            certificates.clientCert().toString(),
            "--client-key",
            certificates.clientKey().toString(),
            "--deadline",
            "10s",
            "tokens",
            "list");
    assertEquals(AssayCommand.UNAVAILABLE, result.exitCode(), result::toString);
    assertTrue(result.err().contains("(UNAVAILABLE)"), result::err);
  }

  @Test
  void plaintextToATlsServerFails() {
    CliResult result = Cli.run(server.asAdmin(), "--deadline", "10s", "tokens", "list");
    assertEquals(AssayCommand.UNAVAILABLE, result.exitCode(), result::toString);
  }
}
