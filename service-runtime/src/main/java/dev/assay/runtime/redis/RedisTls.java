package dev.assay.runtime.redis;

import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.PemFiles;
import io.lettuce.core.SslOptions;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the Redis client trusts and identifies itself over TLS ({@code rediss://} URLs): the CA to
 * trust instead of the JVM's, and a client certificate for a Redis that requires one ({@code
 * tls-auth-clients yes}). The files are read once, at start-up; the host name is always verified
 * against the server's certificate.
 *
 * @param caFile CA certificates (PEM) trusted instead of the JVM's ({@code --redis-tls-ca-file})
 * @param certFile client certificate chain (PEM) ({@code --redis-tls-cert-file})
 * @param keyFile its private key, unencrypted PKCS#8 PEM ({@code --redis-tls-key-file})
 */
public record RedisTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
  private static final String CA_FLAG = "--redis-tls-ca-file";
  private static final String CERT_FLAG = "--redis-tls-cert-file";
  private static final String KEY_FLAG = "--redis-tls-key-file";

  /** The JVM's trusted CAs and no client certificate: Lettuce's defaults. */
  public static final RedisTls DEFAULTS =
      new RedisTls(Optional.empty(), Optional.empty(), Optional.empty());

  /** Whether any TLS file is configured. */
  public boolean isConfigured() {
    return caFile.isPresent() || certFile.isPresent() || keyFile.isPresent();
  }

  /** The first TLS setting given, to name in errors about all of them. */
  String firstSetting() {
    return caFile.isPresent() ? CA_FLAG : certFile.isPresent() ? CERT_FLAG : KEY_FLAG;
  }

  /**
   * Lettuce's options for these files, read and checked now.
   *
   * @throws InvalidSettingsException naming the setting whose file cannot be used
   */
  public SslOptions sslOptions() {
    SslOptions.Builder options = SslOptions.builder().jdkSslProvider();
    char[] password = new char[0];
    try {
      if (caFile.isPresent()) {
        KeyStore trusted = emptyKeyStore();
        List<X509Certificate> cas = PemFiles.certificates(CA_FLAG, caFile.get());
        for (int i = 0; i < cas.size(); i++) {
          trusted.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory trust =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        options.trustManager(trust);
      }
      if (certFile.isPresent() && keyFile.isPresent()) {
        List<X509Certificate> chain = PemFiles.certificates(CERT_FLAG, certFile.get());
        PrivateKey key = PemFiles.privateKey(KEY_FLAG, keyFile.get());
        PemFiles.checkPair(KEY_FLAG, key, CERT_FLAG, chain.get(0));
        KeyStore identity = emptyKeyStore();
        identity.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);
        options.keyManager(keys);
      }
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new InvalidSettingsException(
          "the Redis TLS files cannot be used: " + e.getClass().getSimpleName());
    }
    return options.build();
  }

  /** Checks the files now, so that one that cannot be used stops start-up. */
  public void validate() {
    if (certFile.isPresent() != keyFile.isPresent()) {
      String missing = certFile.isPresent() ? KEY_FLAG : CERT_FLAG;
      throw InvalidSettingsException.forSetting(
          missing,
          "must be set with "
              + (certFile.isPresent() ? CERT_FLAG : KEY_FLAG)
              + " (both or neither)");
    }
    sslOptions();
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException, java.io.IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    return store;
  }
}
