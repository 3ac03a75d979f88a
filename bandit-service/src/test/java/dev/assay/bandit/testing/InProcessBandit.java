package dev.assay.bandit.testing;

import dev.assay.bandit.BanditServer;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.BanditServiceGrpc;
import dev.assay.bandit.v1.OffPolicyServiceGrpc;
import dev.assay.runtime.errors.ExceptionMappingInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bandit-service replica on an in-process gRPC server, over the given store, with a settable
 * clock.
 */
public final class InProcessBandit implements AutoCloseable {
  /** The replica's clock (epoch millis); starts at the real time. */
  public final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

  private final BanditServer.Wiring wiring;
  private final Server server;
  private final ManagedChannel channel;

  /** Starts a replica refreshing its snapshot every {@code refresh}. */
  public InProcessBandit(BanditStore store, Duration refresh) throws IOException {
    wiring =
        BanditServer.wire(
            store, new BanditServer.Settings(refresh, Duration.ofHours(1), 2_000), clock::get);
    String name = "bandit-" + UUID.randomUUID();
    ExceptionMappingInterceptor errors = new ExceptionMappingInterceptor();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(wiring.admin(), errors))
            .addService(ServerInterceptors.intercept(wiring.bandits(), errors))
            .addService(ServerInterceptors.intercept(wiring.offPolicy(), errors))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  /** Admin stub. */
  public BanditAdminServiceGrpc.BanditAdminServiceBlockingStub admin() {
    return BanditAdminServiceGrpc.newBlockingStub(channel);
  }

  /** Selection/reward/inspection stub. */
  public BanditServiceGrpc.BanditServiceBlockingStub bandits() {
    return BanditServiceGrpc.newBlockingStub(channel);
  }

  /** Async stub (for streaming). */
  public BanditServiceGrpc.BanditServiceStub banditsAsync() {
    return BanditServiceGrpc.newStub(channel);
  }

  /** Off-policy stub. */
  public OffPolicyServiceGrpc.OffPolicyServiceBlockingStub offPolicy() {
    return OffPolicyServiceGrpc.newBlockingStub(channel);
  }

  /** Rebuilds the snapshot from the store now. */
  public void refreshSnapshot() {
    wiring.snapshots().refresh();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    wiring.snapshots().close();
  }
}
