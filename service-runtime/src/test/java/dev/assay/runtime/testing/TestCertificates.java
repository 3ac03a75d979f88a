package dev.assay.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The TEST-ONLY certificates and keys of {@code src/test/resources/tls} (made by its {@code
 * generate.sh}; their private keys are public, so they must never secure anything real), copied
 * into a fresh directory so that a test may replace them (certificate reload) and other modules can
 * use them from the test-jar.
 *
 * <p>{@code ca}: the test CA; {@code server}: a server certificate for localhost and 127.0.0.1
 * signed by it; {@code server2}: another one (for reload); {@code client}: a client certificate
 * signed by {@code ca}; {@code other-ca} and {@code other-client}: an unrelated CA and a client
 * certificate it signed. Keys are PKCS#8; {@code server-pkcs1.key}, {@code server-ec-sec1.key} and
 * {@code server-encrypted.key} are the same keys in formats the server refuses.
 */
public final class TestCertificates {
  private static final List<String> FILES =
      List.of(
          "ca.pem",
          "server.pem",
          "server.key",
          "server2.pem",
          "server2.key",
          "client.pem",
          "client.key",
          "other-ca.pem",
          "other-client.pem",
          "other-client.key",
          "server-pkcs1.key",
          "server-encrypted.key",
          "server-ec.pem",
          "server-ec.key",
          "server-ec-sec1.key");

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A fresh copy of every file in a new temporary directory. */
  public static TestCertificates copy() {
    try {
      Path dir = Files.createTempDirectory("assay-tls-");
      for (String name : FILES) {
        try (InputStream in = TestCertificates.class.getResourceAsStream("/tls/" + name)) {
          if (in == null) {
            throw new IllegalStateException("test resource tls/" + name + " is missing");
          }
          Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return new TestCertificates(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The copy of {@code name} (for example {@code server.pem}). */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** The test CA's certificate. */
  public Path caCert() {
    return file("ca.pem");
  }

  /** The server certificate (localhost, 127.0.0.1). */
  public Path serverCert() {
    return file("server.pem");
  }

  /** The server certificate's key. */
  public Path serverKey() {
    return file("server.key");
  }

  /** The client certificate signed by the test CA. */
  public Path clientCert() {
    return file("client.pem");
  }

  /** The client certificate's key. */
  public Path clientKey() {
    return file("client.key");
  }

  /** The directory holding the copies. */
  public Path directory() {
    return dir;
  }

  /** Deletes the copies. */
  public void delete() {
    RedisProcess.deleteQuietly(dir);
  }
}
