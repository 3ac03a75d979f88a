package dev.assay.cli.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway certificate authority, a server certificate for 127.0.0.1 and localhost, and a client
 * certificate, made with the openssl command (keys in PKCS#8 PEM, as gRPC reads them).
 */
record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  /** Whether an openssl command is on the PATH. */
  static boolean opensslAvailable() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static TestCertificates create(Path directory) throws IOException, InterruptedException {
    Path ca = directory.resolve("ca.pem");
    Path caKey = directory.resolve("ca.key.pem");
    openssl(
        directory,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=assay test ca",
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString());
    Path san =
        Files.writeString(
            directory.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    Path serverCert = directory.resolve("server.pem");
    Path serverKey = directory.resolve("server.key.pem");
    sign(directory, "localhost", serverCert, serverKey, ca, caKey, san);
    Path clientCert = directory.resolve("client.pem");
    Path clientKey = directory.resolve("client.key.pem");
    sign(directory, "assay cli", clientCert, clientKey, ca, caKey, null);
    return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey);
  }

  private static void sign(
      Path directory,
      String name,
      Path cert,
      Path key,
      Path ca,
      Path caKey,
      @Nullable Path extensions)
      throws IOException, InterruptedException {
    Path request = directory.resolve(cert.getFileName() + ".csr");
    openssl(
        directory,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=" + name,
        "-keyout",
        key.toString(),
        "-out",
        request.toString());
    List<String> args =
        new ArrayList<>(
            List.of(
                "x509",
                "-req",
                "-in",
                request.toString(),
                "-CA",
                ca.toString(),
                "-CAkey",
                caKey.toString(),
                "-CAcreateserial",
                "-days",
                "2",
                "-out",
                cert.toString()));
    if (extensions != null) {
      args.addAll(List.of("-extfile", extensions.toString()));
    }
    openssl(directory, args.toArray(String[]::new));
  }

  private static void openssl(Path directory, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("openssl.log").toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(
          "openssl "
              + String.join(" ", args)
              + " failed: "
              + Files.readString(directory.resolve("openssl.log")));
    }
  }
}
