package dev.assay.runtime.client;

import dev.assay.runtime.security.BearerCredentials;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A long-lived channel to another Assay service, with the token to attach to each stub ({@code
 * stub.withCallCredentials(peer.credentials())}). One per peer per process; closed on shutdown.
 */
public final class PeerChannel implements AutoCloseable {
  private final ManagedChannel channel;
  private final @Nullable CallCredentials credentials;
  private final String target;

  private PeerChannel(
      ManagedChannel channel, @Nullable CallCredentials credentials, String target) {
    this.channel = channel;
    this.credentials = credentials;
    this.target = target;
  }

  /**
   * Opens a channel (connecting lazily, so the peer may start later).
   *
   * @throws UncheckedIOException if the CA file cannot be read
   */
  public static PeerChannel open(PeerSettings settings) {
    ChannelCredentials transport = InsecureChannelCredentials.create();
    if (settings.caFile().isPresent()) {
      try {
        transport =
            TlsChannelCredentials.newBuilder()
                .trustManager(settings.caFile().get().toFile())
                .build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + settings.caFile().get(), e);
      }
    }
    ManagedChannel channel = NettyChannelBuilder.forTarget(settings.target(), transport).build();
    return new PeerChannel(
        channel, settings.token().map(BearerCredentials::new).orElse(null), settings.target());
  }

  /** Wraps an existing channel (tests pass an in-process one). */
  public static PeerChannel of(ManagedChannel channel, Optional<String> token) {
    return new PeerChannel(
        channel, token.map(BearerCredentials::new).orElse(null), channel.authority());
  }

  /** The channel; stubs are cheap to create from it. */
  public ManagedChannel channel() {
    return channel;
  }

  /** The token's call credentials, or null when calls go without one. */
  public @Nullable CallCredentials credentials() {
    return credentials;
  }

  /** Where the channel goes, for logs. */
  public String target() {
    return target;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
