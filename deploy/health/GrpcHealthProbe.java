import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks servers whether they are SERVING through the standard gRPC health protocol
 * ({@code grpc.health.v1.Health/Check}, overall service ""), like grpc_health_probe.
 *
 * <p>Usage: {@code java -cp <any Assay service jar> GrpcHealthProbe [--wait=60s] host:port...}.
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
    for (String arg : args) {
      if (arg.startsWith("--wait=")) {
        wait = parseSeconds(arg.substring("--wait=".length()));
      } else {
        addresses.add(arg);
      }
    }
    if (addresses.isEmpty()) {
      System.err.println("usage: GrpcHealthProbe [--wait=60s] host:port...");
      System.exit(2);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    boolean allServing = true;
    for (String address : addresses) {
      allServing &= awaitServing(address, deadline);
    }
    System.exit(allServing ? 0 : 1);
  }

  private static boolean awaitServing(String address, long deadlineNanos) throws InterruptedException {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
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
