package dev.assay.benchmarks.assignment;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.assignment.AssignmentDomain;
import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.replica.ReplicaSync;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.benchmarks.BaselineService;
import dev.assay.benchmarks.LoadGenerator;
import dev.assay.benchmarks.LoopbackServer;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.server.GrpcServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Evaluation over gRPC against an empty call, in one run: both servers in this JVM with the same
 * settings, reached over loopback TCP. Usage: {@code [redis-url|memory] [seconds] [in-flight]}.
 */
public final class AssignmentLoadBenchmark {
  private AssignmentLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    String storeArg = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    Duration window = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 10);
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 32;

    String prefix = "bench:" + UUID.randomUUID();
    SharedRedisClient redis =
        storeArg.equals("memory")
            ? null
            : SharedRedisClient.create(new RedisSettings(storeArg, prefix, Duration.ofSeconds(5)));
    AssignmentStore store =
        redis == null
            ? new InMemoryAssignmentStore()
            : new RedisAssignmentStore(redis, new ProtoStoreCodec());
    ReplicaState state = new ReplicaState();
    ReplicaSync sync = new ReplicaSync(store, state);
    sync.start();
    List<String> keys = AssignmentFixture.populate(store, state);

    GrpcServer assignment =
        LoopbackServer.start(
            "assignment", AssignmentDomain.wire(store, state, Clock.systemUTC()).services());
    GrpcServer baseline = LoopbackServer.startBaseline();
    ManagedChannel assignmentChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", assignment.port()).usePlaintext().build();
    ManagedChannel baselineChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", baseline.port()).usePlaintext().build();

    EvaluationServiceGrpc.EvaluationServiceFutureStub stub =
        EvaluationServiceGrpc.newFutureStub(assignmentChannel);
    Struct attributes =
        Struct.newBuilder()
            .putFields("country", Value.newBuilder().setStringValue("FR").build())
            .build();
    AtomicLong unit = new AtomicLong();
    Supplier<ListenableFuture<?>> evaluate =
        () ->
            stub.evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("user-" + (unit.incrementAndGet() % 100_000))
                    .setAttributes(attributes)
                    .addAllExperimentKeys(keys)
                    .build());
    Supplier<ListenableFuture<?>> empty = () -> BaselineService.callEmpty(baselineChannel);

    System.out.printf(
        "store=%s experiments=%d evaluated per call=%d overrides=%d in-flight=%d window=%s%n",
        store.description(),
        state.get().experiments().size(),
        keys.size(),
        state.overrideCount(),
        inFlight,
        window);
    // Alternate the two in rounds so both see the same machine conditions; report each round's
    // ratios and their medians (this 2-core machine is shared and noisy).
    LoadGenerator.runRounds(
        5,
        Duration.ofSeconds(3),
        window,
        inFlight,
        new LoadGenerator.Target("empty unary call", empty),
        new LoadGenerator.Target("evaluate 10 of 1000", evaluate));

    assignmentChannel.shutdownNow();
    baselineChannel.shutdownNow();
    assignment.stop();
    baseline.stop();
    sync.close();
    if (redis != null) {
      try (var connection = redis.connect()) {
        var scan =
            io.lettuce.core.ScanIterator.scan(
                connection.sync(), io.lettuce.core.ScanArgs.Builder.matches(prefix + ":*"));
        while (scan.hasNext()) {
          connection.sync().del(scan.next());
        }
      }
      store.close();
      redis.close();
    }
    System.exit(0);
  }
}
