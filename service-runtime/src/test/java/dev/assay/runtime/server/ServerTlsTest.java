package dev.assay.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.TestCertificates;
import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server with TLS, and mutual TLS, over real Netty connections, and its certificate reload. */
class ServerTlsTest {
  private final TestCertificates certs = TestCertificates.copy();
  private GrpcServer server;
  private ServerTls tls;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (tls != null) {
      tls.close();
    }
    certs.delete();
  }

  private int start(Optional<Path> clientCa) throws IOException {
    tls =
        ServerTls.start(
            "test",
            Optional.of(
                new ServerTlsSettings(
                    certs.serverCert(), certs.serverKey(), clientCa, Duration.ofSeconds(1))));
    server =
        GrpcServer.builder("test", GrpcServer.netty("127.0.0.1", 0, tls))
            .addService(new TestEcho())
            .shutdownGrace(Duration.ZERO)
            .build()
            .start();
    return server.port();
  }

  @Test
  void aClientTrustingTheCaCallsHealthAndAServiceOverTls() throws Exception {
    int port = start(Optional.empty());
    ManagedChannel channel = channel(port, trustingCa().build());
    try {
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
      Struct request =
          Struct.newBuilder()
              .putFields("k", Value.newBuilder().setStringValue("v").build())
              .build();
      assertEquals(request, echo(channel, request));
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aPlaintextClientCannotCallATlsServer() throws Exception {
    int port = start(Optional.empty());
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class, () -> echo(channel, Struct.getDefaultInstance()));
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aClientNotTrustingTheCaRefusesTheServer() throws Exception {
    int port = start(Optional.empty());
    ManagedChannel channel =
        channel(
            port,
            TlsChannelCredentials.newBuilder()
                .trustManager(certs.file("other-ca.pem").toFile())
                .build());
    try {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class, () -> echo(channel, Struct.getDefaultInstance()));
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aRenewedCertificateReachesNewConnectionsWithoutARestart() throws Exception {
    int port = start(Optional.empty());
    BigInteger first = serial(certs.serverCert());
    BigInteger second = serial(certs.file("server2.pem"));
    assertEquals(first, servedSerial(port));

    // A half-written renewal (a new certificate, the old key) is not taken up.
    Files.copy(certs.file("server2.pem"), certs.serverCert(), StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(2500);
    assertEquals(first, servedSerial(port), "a certificate without its key is not served");

    Files.copy(certs.file("server2.key"), certs.serverKey(), StandardCopyOption.REPLACE_EXISTING);
    Await.awaitWithin(
        Duration.ofSeconds(10),
        "the renewed certificate is served",
        () -> second.equals(servedSerial(port)));
  }

  @Test
  void mutualTlsRequiresAClientCertificateSignedByTheClientCa() throws Exception {
    int port = start(Optional.of(certs.caCert()));

    ManagedChannel none = channel(port, trustingCa().build());
    ManagedChannel signed =
        channel(
            port,
            trustingCa()
                .keyManager(certs.clientCert().toFile(), certs.clientKey().toFile())
                .build());
    ManagedChannel otherCa =
        channel(
            port,
            trustingCa()
                .keyManager(
                    certs.file("other-client.pem").toFile(),
                    certs.file("other-client.key").toFile())
                .build());
    try {
      assertEquals(Struct.getDefaultInstance(), echo(signed, Struct.getDefaultInstance()));
      for (ManagedChannel refused : new ManagedChannel[] {none, otherCa}) {
        StatusRuntimeException e =
            assertThrows(
                StatusRuntimeException.class, () -> echo(refused, Struct.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
      }
    } finally {
      none.shutdownNow();
      signed.shutdownNow();
      otherCa.shutdownNow();
    }
  }

  @Test
  void anEcCertificateServesToo() throws Exception {
    Files.copy(
        certs.file("server-ec.pem"), certs.serverCert(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(certs.file("server-ec.key"), certs.serverKey(), StandardCopyOption.REPLACE_EXISTING);
    int port = start(Optional.empty());
    ManagedChannel channel = channel(port, trustingCa().build());
    try {
      assertEquals(Struct.getDefaultInstance(), echo(channel, Struct.getDefaultInstance()));
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void withoutSettingsTheServerIsPlaintext() {
    tls = ServerTls.start("test", Optional.empty());
    assertFalse(tls.isEnabled());
    assertInstanceOf(InsecureServerCredentials.class, tls.credentials());
  }

  private TlsChannelCredentials.Builder trustingCa() throws IOException {
    return TlsChannelCredentials.newBuilder().trustManager(certs.caCert().toFile());
  }

  private static ManagedChannel channel(int port, ChannelCredentials credentials) {
    // "localhost": the certificate's name, checked by the client.
    return NettyChannelBuilder.forAddress("localhost", port, credentials).build();
  }

  private static Struct echo(ManagedChannel channel, Struct request) {
    return ClientCalls.blockingUnaryCall(
        channel,
        TestEcho.ECHO,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        request);
  }

  /** The serial of the certificate the server presents to a new connection. */
  private BigInteger servedSerial(int port) {
    try {
      return recordServedSerial(port);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private BigInteger recordServedSerial(int port) throws Exception {
    AtomicReference<BigInteger> seen = new AtomicReference<>();
    X509TrustManager ca = caTrustManager();
    X509TrustManager recording =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            ca.checkClientTrusted(chain, authType);
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            seen.set(chain[0].getSerialNumber());
            ca.checkServerTrusted(chain, authType);
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return ca.getAcceptedIssuers();
          }
        };
    ManagedChannel channel =
        channel(port, TlsChannelCredentials.newBuilder().trustManager(recording).build());
    try {
      echo(channel, Struct.getDefaultInstance());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    return seen.get();
  }

  private X509TrustManager caTrustManager() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("ca", certificate(certs.caCert()));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }

  private static BigInteger serial(Path pem) throws Exception {
    return certificate(pem).getSerialNumber();
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
