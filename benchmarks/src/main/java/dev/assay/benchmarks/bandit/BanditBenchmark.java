package dev.assay.benchmarks.bandit;

import com.google.common.util.concurrent.ListenableFuture;
import dev.assay.bandit.BanditServer;
import dev.assay.bandit.BanditSettings;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.selection.ArmSelector;
import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.StreamRewardsRequest;
import dev.assay.bandit.v1.StreamRewardsResponse;
import dev.assay.bandit.v1.ThompsonBernoulli;
import dev.assay.benchmarks.BaselineService;
import dev.assay.benchmarks.LoadGenerator;
import dev.assay.benchmarks.LoopbackServer;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.audit.InMemoryAuditLog;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.server.GrpcServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bandit service under load, in one run, over loopback TCP with the real Redis: (1) Select
 * throughput against an empty unary call (same GrpcServer settings), interleaved rounds; (2) reward
 * ingestion into Redis through StreamRewards (client streaming) and RecordRewards (batch). Usage:
 * {@code [redis-url] [seconds per window] [in-flight] [rewards per form] [senders]
 * [all|select|ingest]}.
 */
public final class BanditBenchmark {
  private static final int REWARDS_PER_MESSAGE = 1_000;

  private BanditBenchmark() {}

  public static void main(String[] args) throws Exception {
    String redisUrl = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    Duration window = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 10);
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int rewards = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
    int senders = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    String mode = args.length > 5 ? args[5] : "all";

    String prefix = "bench:" + UUID.randomUUID();
    RedisSettings redisSettings = new RedisSettings(redisUrl, prefix, Duration.ofSeconds(5));
    SharedRedisClient redis = SharedRedisClient.create(redisSettings);
    RedisBanditStore store = new RedisBanditStore(redis, 100_000);
    BanditSettings settings =
        new BanditSettings(
            0,
            redisSettings,
            Duration.ofMillis(100),
            Duration.ofMinutes(10),
            100_000,
            10_000,
            Duration.ZERO);
    BanditServer.Wiring wiring =
        BanditServer.wire(
            store,
            settings,
            Clock.systemUTC(),
            RandomSource.fromEntropy(),
            new AuditTrail(new InMemoryAuditLog(), "bandit", Clock.systemUTC()));
    GrpcServer bandit = LoopbackServer.start("bandit", wiring.services());
    GrpcServer baseline = LoopbackServer.startBaseline();
    ManagedChannel banditChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", bandit.port()).usePlaintext().build();
    ManagedChannel baselineChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", baseline.port()).usePlaintext().build();

    BanditAdminServiceGrpc.newBlockingStub(banditChannel)
        .createBandit(
            CreateBanditRequest.newBuilder()
                .setBandit(
                    Bandit.newBuilder()
                        .setKey("bench")
                        .addAllArms(
                            List.of(
                                Arm.newBuilder().setId("a").build(),
                                    Arm.newBuilder().setId("b").build(),
                                Arm.newBuilder().setId("c").build(),
                                    Arm.newBuilder().setId("d").build()))
                        .setPolicy(
                            PolicyConfig.newBuilder()
                                .setThompsonBernoulli(ThompsonBernoulli.getDefaultInstance())))
                .build());

    BanditServiceGrpc.BanditServiceFutureStub future =
        BanditServiceGrpc.newFutureStub(banditChannel);
    SelectRequest select = SelectRequest.newBuilder().setBanditKey("bench").setUnitId("u").build();
    Supplier<ListenableFuture<?>> selectCall = () -> future.select(select);
    Supplier<ListenableFuture<?>> emptyCall = () -> BaselineService.callEmpty(baselineChannel);

    System.out.printf(
        "bandit=thompson_bernoulli arms=4 store=redis in-flight=%d window=%s cores=%d%n",
        inFlight, window, Runtime.getRuntime().availableProcessors());
    Duration warmup = Duration.ofSeconds(3);
    int rounds = mode.equals("ingest") ? 0 : 5;
    double[] ratios = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      LoadGenerator.Result base =
          LoadGenerator.measure("empty unary call", emptyCall, inFlight, warmup, window);
      LoadGenerator.Result sel =
          LoadGenerator.measure("select (thompson, 4 arms)", selectCall, inFlight, warmup, window);
      ratios[round] = sel.callsPerSecond() / base.callsPerSecond();
      System.out.println("round " + (round + 1));
      System.out.println("  " + base);
      System.out.println("  " + sel);
      System.out.println("  " + sel.ratioTo(base));
    }
    if (rounds > 0) {
      Arrays.sort(ratios);
      System.out.printf(
          "select/empty throughput ratio: median %.2f (rounds %s)%n",
          ratios[rounds / 2], Arrays.toString(ratios));
    }

    ArmSelector selector = wiring.selector();
    BanditServiceGrpc.BanditServiceStub async = BanditServiceGrpc.newStub(banditChannel);
    BanditServiceGrpc.BanditServiceBlockingStub blocking =
        BanditServiceGrpc.newBlockingStub(banditChannel);
    int streams = senders;
    double streamRate = 0;
    double batchRate = 0;
    if (!mode.equals("select")) {
      // warm-up (JIT, connections): a quarter of the volume through each form, untimed
      ingestByStreams(async, decisions(selector, rewards / 4), streams);
      ingestByBatches(blocking, decisions(selector, rewards / 4), streams);
      streamRate = ingestByStreams(async, decisions(selector, rewards), streams);
      batchRate = ingestByBatches(blocking, decisions(selector, rewards), streams);
    }
    var arms =
        blocking
            .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey("bench").build())
            .getArmsList();
    double pulls = arms.stream().mapToDouble(a -> a.getPulls()).sum();
    System.out.printf(
        "reward ingestion into Redis, %d rewards per form, %d concurrent senders, %d per message:%n",
        rewards, streams, REWARDS_PER_MESSAGE);
    System.out.printf("  StreamRewards (client streaming): %,.0f rewards/s%n", streamRate);
    System.out.printf("  RecordRewards (batch unary):      %,.0f rewards/s%n", batchRate);
    System.out.printf(
        "  pulls recorded in Redis: %.0f (expected %d)%n",
        pulls, mode.equals("select") ? 0 : 2 * (rewards + rewards / 4));

    banditChannel.shutdownNow();
    baselineChannel.shutdownNow();
    bandit.stop();
    baseline.stop();
    wiring.close();
    try (var connection = redis.connect()) {
      ScanIterator<String> scan =
          ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(1000));
      List<String> batch = new ArrayList<>();
      while (scan.hasNext()) {
        batch.add(scan.next());
        if (batch.size() == 1000) {
          connection.sync().unlink(batch.toArray(String[]::new));
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        connection.sync().unlink(batch.toArray(String[]::new));
      }
    }
    store.close();
    redis.close();
    System.exit(0);
  }

  private static List<RewardEntry> decisions(ArmSelector selector, int count) {
    List<RewardEntry> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = selector.select("bench", new double[0]).decisionId();
      out.add(RewardEntry.newBuilder().setDecisionId(id).setReward(i % 10 == 0 ? 1 : 0).build());
    }
    return out;
  }

  private static double ingestByStreams(
      BanditServiceGrpc.BanditServiceStub stub, List<RewardEntry> entries, int streams)
      throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<StreamRewardsResponse>> done = new ArrayList<>();
    int share = entries.size() / streams;
    for (int s = 0; s < streams; s++) {
      CompletableFuture<StreamRewardsResponse> result = new CompletableFuture<>();
      done.add(result);
      StreamObserver<StreamRewardsRequest> stream =
          stub.streamRewards(
              new StreamObserver<>() {
                @Override
                public void onNext(StreamRewardsResponse value) {
                  result.complete(value);
                }

                @Override
                public void onError(Throwable t) {
                  result.completeExceptionally(t);
                }

                @Override
                public void onCompleted() {}
              });
      List<RewardEntry> mine =
          entries.subList(s * share, s == streams - 1 ? entries.size() : (s + 1) * share);
      for (int from = 0; from < mine.size(); from += REWARDS_PER_MESSAGE) {
        stream.onNext(
            StreamRewardsRequest.newBuilder()
                .addAllRewards(
                    mine.subList(from, Math.min(mine.size(), from + REWARDS_PER_MESSAGE)))
                .build());
      }
      stream.onCompleted();
    }
    long applied = 0;
    for (CompletableFuture<StreamRewardsResponse> f : done) {
      applied += f.get(10, TimeUnit.MINUTES).getAppliedCount();
    }
    return applied / ((System.nanoTime() - start) / 1e9);
  }

  private static double ingestByBatches(
      BanditServiceGrpc.BanditServiceBlockingStub stub, List<RewardEntry> entries, int senders)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    long start = System.nanoTime();
    List<Future<Long>> futures = new ArrayList<>();
    int share = entries.size() / senders;
    for (int s = 0; s < senders; s++) {
      List<RewardEntry> mine =
          entries.subList(s * share, s == senders - 1 ? entries.size() : (s + 1) * share);
      futures.add(
          pool.submit(
              () -> {
                long applied = 0;
                for (int from = 0; from < mine.size(); from += REWARDS_PER_MESSAGE) {
                  applied +=
                      stub.recordRewards(
                              RecordRewardsRequest.newBuilder()
                                  .addAllRewards(
                                      mine.subList(
                                          from, Math.min(mine.size(), from + REWARDS_PER_MESSAGE)))
                                  .build())
                          .getAppliedCount();
                }
                return applied;
              }));
    }
    long applied = 0;
    for (Future<Long> f : futures) {
      applied += f.get();
    }
    pool.shutdown();
    return applied / ((System.nanoTime() - start) / 1e9);
  }
}
