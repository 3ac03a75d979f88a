package dev.assay.runtime.server;

import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.PemFiles;
import dev.assay.runtime.log.EventLog;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A server's transport security: plaintext, TLS, or mutual TLS, with the certificate (and client
 * CA) re-read from their files every reload interval. A renewed certificate is served to new
 * connections without a restart; open connections keep the one they were made with. A renewal takes
 * effect only once the certificate, the key and (for mutual TLS) the CA file all read and the key
 * matches the certificate, so a half-written renewal keeps the old identity (logged once as {@code
 * server.tls_reload_failed}) until the files are whole.
 *
 * <p>Plaintext says so at start-up with one {@code server.plaintext} warning: anyone on the network
 * can read and send calls.
 */
public final class ServerTls implements AutoCloseable {
  private static final String CERT_FLAG = "--tls-cert-file";
  private static final String KEY_FLAG = "--tls-key-file";
  private static final String CLIENT_CA_FLAG = "--tls-client-ca-file";

  private final String serviceName;
  private final @Nullable ServerTlsSettings settings;
  private final @Nullable AdvancedTlsX509KeyManager keyManager;
  private final @Nullable AdvancedTlsX509TrustManager trustManager;
  private final @Nullable ScheduledExecutorService reloader;
  private String loadedDigest = "";
  private String failedDigest = "";

  private ServerTls(String serviceName) {
    this.serviceName = serviceName;
    this.settings = null;
    this.keyManager = null;
    this.trustManager = null;
    this.reloader = null;
  }

  private ServerTls(String serviceName, ServerTlsSettings settings) {
    this.serviceName = serviceName;
    this.settings = settings;
    Identity identity = Identity.read(settings);
    this.keyManager = new AdvancedTlsX509KeyManager();
    keyManager.updateIdentityCredentials(identity.chainArray(), identity.key());
    if (identity.clientCas().isEmpty()) {
      this.trustManager = null;
    } else {
      try {
        // The client's certificate is checked against the CA; its host name means nothing.
        this.trustManager =
            AdvancedTlsX509TrustManager.newBuilder()
                .setVerification(
                    AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                .build();
        trustManager.updateTrustCredentials(identity.clientCas().toArray(X509Certificate[]::new));
      } catch (IOException | GeneralSecurityException e) {
        throw InvalidSettingsException.forSetting(
            CLIENT_CA_FLAG, "cannot be used as a trust store: " + e.getMessage());
      }
    }
    this.loadedDigest = identity.digest();
    this.reloader =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "assay-tls-reload");
              thread.setDaemon(true);
              return thread;
            });
    long period = settings.reloadInterval().toMillis();
    var unused =
        reloader.scheduleWithFixedDelay(this::reload, period, period, TimeUnit.MILLISECONDS);
    X509Certificate leaf = identity.chain().get(0);
    EventLog.info(
        "server.tls",
        "service",
        serviceName,
        "mode",
        settings.isMutual() ? "mutual_tls" : "tls",
        "subject",
        leaf.getSubjectX500Principal().getName(),
        "serial",
        leaf.getSerialNumber().toString(16),
        "not_after",
        leaf.getNotAfter().toInstant(),
        "reload_interval_ms",
        period);
  }

  /**
   * The transport security of {@code serviceName}'s server: TLS when {@code settings} is present,
   * else plaintext, logged as a {@code server.plaintext} warning.
   *
   * @throws InvalidSettingsException naming the setting whose file cannot be used
   */
  public static ServerTls start(String serviceName, Optional<ServerTlsSettings> settings) {
    if (settings.isPresent()) {
      return new ServerTls(serviceName, settings.get());
    }
    EventLog.warn(
        "server.plaintext",
        "service",
        serviceName,
        "message",
        "TLS is off: anyone on the network can read and send calls; set --tls-cert-file and"
            + " --tls-key-file (and --tls-client-ca-file for mutual TLS)");
    return new ServerTls(serviceName);
  }

  /** Whether the server speaks TLS. */
  public boolean isEnabled() {
    return settings != null;
  }

  /** The credentials for {@code NettyServerBuilder.forAddress(address, credentials)}. */
  public ServerCredentials credentials() {
    if (keyManager == null) {
      return InsecureServerCredentials.create();
    }
    TlsServerCredentials.Builder credentials =
        TlsServerCredentials.newBuilder().keyManager(keyManager);
    if (trustManager != null) {
      credentials.trustManager(trustManager).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return credentials.build();
  }

  /** Checks the files once now, as the reload timer does (tests). */
  synchronized void reload() {
    ServerTlsSettings current = settings;
    AdvancedTlsX509KeyManager keys = keyManager;
    if (current == null || keys == null) {
      return;
    }
    String digest;
    try {
      digest = Identity.digestOf(current);
    } catch (InvalidSettingsException e) {
      digest = "unreadable";
    }
    if (digest.equals(loadedDigest) || digest.equals(failedDigest)) {
      return;
    }
    try {
      Identity identity = Identity.read(current);
      if (trustManager != null) {
        trustManager.updateTrustCredentials(identity.clientCas().toArray(X509Certificate[]::new));
      }
      keys.updateIdentityCredentials(identity.chainArray(), identity.key());
      loadedDigest = identity.digest();
      failedDigest = "";
      X509Certificate leaf = identity.chain().get(0);
      EventLog.info(
          "server.tls_reloaded",
          "service",
          serviceName,
          "serial",
          leaf.getSerialNumber().toString(16),
          "not_after",
          leaf.getNotAfter().toInstant());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // A thrown exception would silently end the schedule: every failure is caught and logged,
      // once per content: the next check logs again only if the files change.
      failedDigest = digest;
      EventLog.warn(
          "server.tls_reload_failed",
          "service",
          serviceName,
          "error",
          String.valueOf(e.getMessage()),
          "note",
          "still serving the previous certificate");
    }
  }

  /** Stops the reloading. */
  @Override
  public void close() {
    if (reloader != null) {
      reloader.shutdownNow();
    }
  }

  /** What the files hold, checked: a chain, its key, the client CAs, and a digest of the bytes. */
  private record Identity(
      List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas, String digest) {
    static Identity read(ServerTlsSettings settings) {
      byte[] cert = PemFiles.read(CERT_FLAG, settings.certFile());
      byte[] key = PemFiles.read(KEY_FLAG, settings.keyFile());
      byte[] cas = settings.clientCaFile().map(f -> PemFiles.read(CLIENT_CA_FLAG, f)).orElse(null);
      List<X509Certificate> chain = PemFiles.certificates(CERT_FLAG, settings.certFile(), cert);
      PrivateKey privateKey = PemFiles.privateKey(KEY_FLAG, settings.keyFile(), key);
      PemFiles.checkPair(KEY_FLAG, privateKey, CERT_FLAG, chain.get(0));
      List<X509Certificate> clientCas =
          cas == null
              ? List.of()
              : PemFiles.certificates(CLIENT_CA_FLAG, settings.clientCaFile().orElseThrow(), cas);
      return new Identity(chain, privateKey, clientCas, digest(cert, key, cas));
    }

    static String digestOf(ServerTlsSettings settings) {
      return digest(
          PemFiles.read(CERT_FLAG, settings.certFile()),
          PemFiles.read(KEY_FLAG, settings.keyFile()),
          settings.clientCaFile().map(f -> PemFiles.read(CLIENT_CA_FLAG, f)).orElse(null));
    }

    private static String digest(byte[] cert, byte[] key, byte @Nullable [] cas) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] part : new byte[][] {cert, key, cas == null ? new byte[0] : cas}) {
          sha.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
          sha.update((byte) 0);
          sha.update(part);
        }
        return HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }

    X509Certificate[] chainArray() {
      return chain.toArray(X509Certificate[]::new);
    }
  }
}
