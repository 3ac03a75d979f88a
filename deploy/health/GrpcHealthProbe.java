import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks servers whether they are SERVING through the standard gRPC health protocol
 * ({@code grpc.health.v1.Health/Check}, overall service ""), like grpc_health_probe.
 *
 * <p>Usage: {@code java -cp <any Assay service jar> GrpcHealthProbe [--wait=60s] [--tls-ca-file=FILE
 * [--tls-cert-file=FILE --tls-key-file=FILE]] host:port...}. With {@code --tls-ca-file} it speaks
 * TLS and trusts that CA (the host name must match the server's certificate); with a client
 * certificate and key too, mutual TLS.
 * Exit status 0 when every address answers SERVING; 1 otherwise. With {@code --wait} it retries every
 * 250 ms until all are SERVING or the time is up (for start-up); without it each address gets one
 * check with a 2-second deadline (for container health checks). Every Assay service jar carries the
 * gRPC classes it needs; run it as a source file with a JDK, or compiled with a JRE.
 */
public final class GrpcHealthProbe {
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(2);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  private GrpcHealthProbe() {}

  /** Checks every address given; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    Duration wait = Duration.ZERO;
    List<String> addresses = new ArrayList<>();
    String ca = null;
    String cert = null;
    String key = null;
    for (String arg : args) {
      if (arg.startsWith("--wait=")) {
        wait = parseSeconds(arg.substring("--wait=".length()));
      } else if (arg.startsWith("--tls-ca-file=")) {
        ca = arg.substring("--tls-ca-file=".length());
      } else if (arg.startsWith("--tls-cert-file=")) {
        cert = arg.substring("--tls-cert-file=".length());
      } else if (arg.startsWith("--tls-key-file=")) {
        key = arg.substring("--tls-key-file=".length());
      } else {
        addresses.add(arg);
      }
    }
    if (addresses.isEmpty()) {
      System.err.println(
          "usage: GrpcHealthProbe [--wait=60s] [--tls-ca-file=F [--tls-cert-file=F"
              + " --tls-key-file=F]] host:port...");
      System.exit(2);
    }
    ChannelCredentials credentials;
    try {
      credentials = credentials(ca, cert, key);
    } catch (IOException | RuntimeException e) {
      System.err.println("GrpcHealthProbe: TLS files cannot be used: " + e.getMessage());
      System.exit(2);
      return;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    boolean allServing = true;
    for (String address : addresses) {
      allServing &= awaitServing(address, credentials, deadline);
    }
    System.exit(allServing ? 0 : 1);
  }

  private static ChannelCredentials credentials(String ca, String cert, String key)
      throws IOException {
    if (ca == null) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(new File(ca));
    if (cert != null && key != null) {
      tls.keyManager(new File(cert), new File(key));
    }
    return tls.build();
  }

  private static boolean awaitServing(
      String address, ChannelCredentials credentials, long deadlineNanos)
      throws InterruptedException {
    ManagedChannel channel = Grpc.newChannelBuilder(address, credentials).build();
    try {
      String last;
      do {
        last = check(channel);
        if (last.equals(ServingStatus.SERVING.name())) {
          System.out.println(address + " SERVING");
          return true;
        }
        Thread.sleep(RETRY_PAUSE.toMillis());
        channel.resetConnectBackoff(); // retry now, not after the channel's growing back-off
      } while (System.nanoTime() < deadlineNanos);
      System.out.println(address + " " + last);
      return false;
    } finally {
      channel.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
    }
  }

  private static String check(ManagedChannel channel) {
    try {
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService("").build())
          .getStatus()
          .name();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode().name();
    }
  }

  private static Duration parseSeconds(String text) {
    String digits = text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
    return Duration.ofSeconds(Long.parseLong(digits));
  }
}
