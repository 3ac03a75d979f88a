package dev.assay.benchmarks.assignment;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.api.AssignmentScopes;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.replica.ReplicaSync;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.benchmarks.LoadGenerator;
import dev.assay.runtime.security.BearerCredentials;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.server.GrpcServer;
import dev.assay.runtime.server.ServerTls;
import dev.assay.runtime.server.ServerTlsSettings;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code Evaluate} over plaintext, plaintext with bearer tokens, TLS, TLS with bearer tokens and
 * mutual TLS with bearer tokens in one run: five assignment servers over the same in-memory
 * definitions, in this JVM, over loopback, measured in alternating rounds. Usage: {@code
 * [certificate dir] [seconds] [in-flight]}; the directory holds the test certificates of {@code
 * service-runtime/src/test/resources/tls} (the default).
 */
public final class AssignmentTlsBenchmark {
  private AssignmentTlsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path certs = Path.of(args.length > 0 ? args[0] : "service-runtime/src/test/resources/tls");
    Duration window = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 5);
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    Path ca = certs.resolve("ca.pem");

    InMemoryAssignmentStore store = new InMemoryAssignmentStore();
    ReplicaState state = new ReplicaState();
    ReplicaSync sync = new ReplicaSync(store, state);
    sync.start();
    List<String> keys = AssignmentFixture.populate(store, state);

    ServerTls plaintext = ServerTls.start("plaintext", Optional.empty());
    ServerTls tls = ServerTls.start("tls", serverTls(certs, Optional.empty()));
    ServerTls mutual = ServerTls.start("mtls", serverTls(certs, Optional.of(ca)));
    ChannelCredentials trusting =
        TlsChannelCredentials.newBuilder().trustManager(ca.toFile()).build();
    ChannelCredentials identified =
        TlsChannelCredentials.newBuilder()
            .trustManager(ca.toFile())
            .keyManager(certs.resolve("client.pem").toFile(), certs.resolve("client.key").toFile())
            .build();
    ServerTls tokensPlaintext = ServerTls.start("plaintext-tokens", Optional.empty());
    ServerTls tokensTls = ServerTls.start("tls-tokens", serverTls(certs, Optional.empty()));
    Server[] servers = {
      Server.start(
          "plaintext", plaintext, InsecureChannelCredentials.create(), false, store, state),
      Server.start(
          "plaintext + tokens",
          tokensPlaintext,
          InsecureChannelCredentials.create(),
          true,
          store,
          state),
      Server.start("tls", tls, trusting, false, store, state),
      Server.start("tls + tokens", tokensTls, trusting, true, store, state),
      Server.start("mutual tls + tokens", mutual, identified, true, store, state)
    };

    Struct attributes =
        Struct.newBuilder()
            .putFields("country", Value.newBuilder().setStringValue("FR").build())
            .build();
    AtomicLong unit = new AtomicLong();
    System.out.printf(
        "evaluate %d of %d experiments, in-flight=%d window=%s%n",
        keys.size(), state.get().experiments().size(), inFlight, window);
    int rounds = 5;
    double[][] throughput = new double[servers.length - 1][rounds];
    double[][] p50 = new double[servers.length - 1][rounds];
    for (int r = 0; r < rounds; r++) {
      LoadGenerator.Result[] results = new LoadGenerator.Result[servers.length];
      for (int s = 0; s < servers.length; s++) {
        EvaluationServiceGrpc.EvaluationServiceFutureStub stub = servers[s].stub();
        Supplier<ListenableFuture<?>> evaluate =
            () ->
                stub.evaluate(
                    EvaluateRequest.newBuilder()
                        .setUnitId("user-" + (unit.incrementAndGet() % 100_000))
                        .setAttributes(attributes)
                        .addAllExperimentKeys(keys)
                        .build());
        results[s] =
            LoadGenerator.measure(
                servers[s].name(), evaluate, inFlight, Duration.ofSeconds(2), window);
      }
      System.out.printf("round %d%n", r + 1);
      for (int s = 0; s < servers.length; s++) {
        System.out.printf("  %s%n", results[s]);
      }
      for (int s = 1; s < servers.length; s++) {
        throughput[s - 1][r] = results[s].callsPerSecond() / results[0].callsPerSecond();
        p50[s - 1][r] = results[s].p50Micros() / results[0].p50Micros();
      }
    }
    for (int s = 1; s < servers.length; s++) {
      System.out.printf(
          "median of %d rounds: %s vs plaintext: p50 %.2fx   throughput %.2fx%n",
          rounds, servers[s].name(), median(p50[s - 1]), median(throughput[s - 1]));
    }
    for (Server server : servers) {
      server.stop();
    }
    sync.close();
    System.exit(0);
  }

  private static Optional<ServerTlsSettings> serverTls(Path certs, Optional<Path> clientCa) {
    return Optional.of(
        new ServerTlsSettings(
            certs.resolve("server.pem"),
            certs.resolve("server.key"),
            clientCa,
            Duration.ofMinutes(1)));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * One assignment server and a channel to it; with tokens, authentication is on and every call
   * carries a bearer token holding {@code evaluate}.
   */
  private record Server(
      String name,
      GrpcServer server,
      ServerTls tls,
      ManagedChannel channel,
      Optional<String> token) {
    static Server start(
        String name,
        ServerTls tls,
        ChannelCredentials credentials,
        boolean tokens,
        InMemoryAssignmentStore store,
        ReplicaState state)
        throws java.io.IOException {
      Security security =
          Security.inMemory(
              name,
              tokens ? new SecuritySettings(true, null) : SecuritySettings.OFF,
              AssignmentScopes.TABLE,
              Clock.systemUTC());
      GrpcServer server =
          GrpcServer.builder(name, GrpcServer.netty("127.0.0.1", 0, tls))
              .addServices(AssignmentDomain.wire(store, state, Clock.systemUTC()).services())
              .security(security)
              .shutdownGrace(Duration.ZERO)
              .build()
              .start();
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("localhost", server.port(), credentials).build();
      Optional<String> token =
          tokens
              ? Optional.of(
                  security
                      .tokens()
                      .create(
                          Caller.system("benchmark"),
                          "benchmark",
                          EnumSet.of(Scope.EVALUATE),
                          List.of(),
                          null)
                      .bearer())
              : Optional.empty();
      return new Server(name, server, tls, channel, token);
    }

    EvaluationServiceGrpc.EvaluationServiceFutureStub stub() {
      EvaluationServiceGrpc.EvaluationServiceFutureStub stub =
          EvaluationServiceGrpc.newFutureStub(channel);
      return token.map(t -> stub.withCallCredentials(new BearerCredentials(t))).orElse(stub);
    }

    void stop() {
      channel.shutdownNow();
      server.stop();
      tls.close();
    }
  }
}
