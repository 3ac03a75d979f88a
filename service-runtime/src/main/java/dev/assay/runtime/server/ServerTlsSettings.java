package dev.assay.runtime.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a server's TLS identity lives and how often it is re-read (the {@code --tls-*} settings).
 *
 * @param certFile the server's certificate chain, PEM, leaf first ({@code --tls-cert-file})
 * @param keyFile the certificate's private key, unencrypted PKCS#8 PEM ({@code --tls-key-file})
 * @param clientCaFile the CA certificates that sign client certificates; present means mutual TLS:
 *     every client must present a certificate signed by one of them ({@code --tls-client-ca-file})
 * @param reloadInterval how often the files are checked for a renewed certificate ({@code
 *     --tls-reload-interval})
 */
public record ServerTlsSettings(
    Path certFile, Path keyFile, Optional<Path> clientCaFile, Duration reloadInterval) {
  /** Whether clients must present a certificate. */
  public boolean isMutual() {
    return clientCaFile.isPresent();
  }
}
