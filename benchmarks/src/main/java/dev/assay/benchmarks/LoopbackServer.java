package dev.assay.benchmarks;

import dev.assay.runtime.server.GrpcServer;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Starts the servers a benchmark compares, assembled exactly as in production (GrpcServer on
 * Netty), on a free loopback port: the service under test and the empty-call baseline alike.
 */
public final class LoopbackServer {
  private LoopbackServer() {}

  /** {@code services} on a free loopback port, with {@code interceptors} inside the usual ones. */
  public static GrpcServer start(
      String name, List<? extends BindableService> services, ServerInterceptor... interceptors)
      throws IOException {
    GrpcServer.Builder builder =
        GrpcServer.builder(name, GrpcServer.netty("127.0.0.1", 0))
            .addServices(services)
            .shutdownGrace(Duration.ZERO);
    for (ServerInterceptor interceptor : interceptors) {
      builder.addInterceptor(interceptor);
    }
    return builder.build().start();
  }

  /** The empty-call baseline ({@link BaselineService}) on a free loopback port. */
  public static GrpcServer startBaseline() throws IOException {
    return start("baseline", List.of(new BaselineService()));
  }
}
