package dev.assay.cli.connection;

import dev.assay.runtime.security.AuthInterceptor;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An open channel to one server and how each call on it is made: the bearer token on every call,
 * the audit reason on writes, and the deadline. Closed when the command ends.
 */
public final class Connection implements AutoCloseable {
  /** The deadline of a single call when {@code --deadline} is not given. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final AssayService service;
  private final String target;
  private final ManagedChannel channel;
  private final @Nullable CallCredentials credentials;
  private final @Nullable String reason;
  private final @Nullable Duration deadline;

  Connection(
      AssayService service,
      String target,
      ManagedChannel channel,
      @Nullable CallCredentials credentials,
      @Nullable String reason,
      @Nullable Duration deadline) {
    this.service = service;
    this.target = target;
    this.channel = channel;
    this.credentials = credentials;
    this.reason = reason;
    this.deadline = deadline;
  }

  /** The service called. */
  public AssayService service() {
    return service;
  }

  /** Its address, HOST:PORT. */
  public String target() {
    return target;
  }

  /** The channel, for creating stubs. */
  public ManagedChannel channel() {
    return channel;
  }

  /** {@code stub} ready for a read: the token and the deadline (default 30 s). */
  public <S extends AbstractStub<S>> S read(S stub) {
    return withCredentials(stub)
        .withDeadlineAfter(
            (deadline == null ? DEFAULT_DEADLINE : deadline).toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@code stub} ready for a write: as {@link #read}, plus the audit reason if one was given. */
  public <S extends AbstractStub<S>> S write(S stub) {
    S ready = read(stub);
    if (reason == null) {
      return ready;
    }
    Metadata headers = new Metadata();
    headers.put(AuthInterceptor.AUDIT_REASON, reason);
    return ready.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /**
   * {@code stub} ready for a server stream that may run long (an export): the token, and a deadline
   * only if {@code --deadline} was given.
   */
  public <S extends AbstractStub<S>> S stream(S stub) {
    S ready = withCredentials(stub);
    return deadline == null
        ? ready
        : ready.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private <S extends AbstractStub<S>> S withCredentials(S stub) {
    return credentials == null ? stub : stub.withCallCredentials(credentials);
  }

  /** Closes the channel, cancelling any call still open. */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
