package dev.assay.console.bridge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.assay.runtime.client.PeerChannel;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Calls a bridged RPC with a proto3 JSON request and answers its proto3 JSON response. Reads go
 * with the console's token (the channel's) and are cached briefly, so many browsers looking at the
 * same page cost the services one call; actions go with the caller's own token and are never
 * cached.
 */
public final class RpcBridge {
  private static final int MAX_CACHED_ANSWERS = 2_000;

  private final Map<Peer, PeerChannel> channels;
  private final Duration timeout;
  private final @Nullable Cache<String, String> cache;
  private final JsonFormat.Parser parser = JsonFormat.parser();
  private final JsonFormat.Printer printer =
      JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

  /**
   * A bridge over one channel per service.
   *
   * @param cacheTtl zero turns the read cache off
   */
  public RpcBridge(Map<Peer, PeerChannel> channels, Duration timeout, Duration cacheTtl) {
    this.channels = new EnumMap<>(channels);
    for (Peer peer : Peer.values()) {
      if (!this.channels.containsKey(peer)) {
        throw new IllegalArgumentException("no channel for " + peer);
      }
    }
    this.timeout = timeout;
    this.cache =
        cacheTtl.isZero()
            ? null
            : Caffeine.newBuilder()
                .maximumSize(MAX_CACHED_ANSWERS)
                .expireAfterWrite(cacheTtl)
                .<String, String>build();
  }

  /**
   * A read with the console's token; the answer may come from the cache.
   *
   * @throws BridgeException for malformed JSON or a failed call
   */
  public String read(BridgedMethod method, String requestJson) {
    if (cache == null) {
      return call(method, requestJson, channel(method.peer()).credentials());
    }
    String key = method.fullName() + '\n' + requestJson;
    String cached = cache.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    String answer = call(method, requestJson, channel(method.peer()).credentials());
    cache.put(key, answer);
    return answer;
  }

  /**
   * An action with the caller's own credentials; forgets every cached read, since it changes state.
   *
   * @throws BridgeException for malformed JSON or a failed call
   */
  public String act(BridgedMethod method, String requestJson, CallCredentials callerCredentials) {
    try {
      return call(method, requestJson, callerCredentials);
    } finally {
      if (cache != null) {
        cache.invalidateAll();
      }
    }
  }

  /**
   * Calls a method directly with a request message, with the console's token (the sampler's way).
   */
  public <Q extends Message, R extends Message> R readMessage(
      MethodDescriptor<Q, R> method, Peer peer, Q request) {
    PeerChannel channel = channel(peer);
    return ClientCalls.blockingUnaryCall(
        channel.channel(), method, options(channel.credentials()), request);
  }

  private String call(
      BridgedMethod bridged, String requestJson, @Nullable CallCredentials credentials) {
    Message.Builder builder = bridged.requestPrototype().newBuilderForType();
    try {
      parser.merge(requestJson.isBlank() ? "{}" : requestJson, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw BridgeException.invalidField("body", oneLine(e.getMessage()));
    }
    Message request = bridged.check().apply(builder.build());
    @SuppressWarnings("unchecked") // the allowlist holds only generated protobuf descriptors
    MethodDescriptor<Message, Message> method =
        (MethodDescriptor<Message, Message>) bridged.method();
    Message response;
    try {
      response =
          ClientCalls.blockingUnaryCall(
              channel(bridged.peer()).channel(), method, options(credentials), request);
    } catch (StatusRuntimeException e) {
      throw GrpcErrorMapping.toBridgeException(e);
    }
    try {
      return printer.print(response);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + bridged.fullName() + " response", e);
    }
  }

  private PeerChannel channel(Peer peer) {
    PeerChannel channel = channels.get(peer);
    if (channel == null) {
      throw new IllegalStateException("no channel for " + peer); // checked in the constructor
    }
    return channel;
  }

  private CallOptions options(@Nullable CallCredentials credentials) {
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return credentials == null ? options : options.withCallCredentials(credentials);
  }

  private static String oneLine(@Nullable String message) {
    String text = message == null ? "malformed JSON" : message.replaceAll("\\s+", " ").trim();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
