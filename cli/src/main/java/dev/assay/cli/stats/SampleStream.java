package dev.assay.cli.stats;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One client-streaming call that sends as fast as the server takes it and no faster: each message
 * waits until gRPC's flow control says the transport is ready, so a file of any size streams in
 * constant memory. Its one response (or failure) completes {@link #result}.
 *
 * @param <Q> the request message
 * @param <R> the response message
 */
final class SampleStream<Q, R> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private final ClientCallStreamObserver<Q> requests;

  /** Starts the call; {@code start} is the async stub's method, given the response observer. */
  @SuppressWarnings("unchecked") // gRPC passes the ClientCallStreamObserver to beforeStart
  SampleStream(Function<StreamObserver<R>, StreamObserver<Q>> start) {
    Responses responses = new Responses();
    StreamObserver<Q> started = start.apply(responses);
    this.requests = (ClientCallStreamObserver<Q>) started;
  }

  /** Sends one message once the transport can take it; false if the call already ended. */
  boolean send(Q request) throws InterruptedException {
    lock.lock();
    try {
      while (!requests.isReady() && !result.isDone()) {
        ready.await(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
    if (result.isDone()) {
      return false;
    }
    requests.onNext(request);
    return true;
  }

  /** Ends the requests and waits for the response; a failure rethrows its status exception. */
  R finish() throws InterruptedException {
    requests.onCompleted();
    return await();
  }

  /** The response, once the call has ended; a failure rethrows its status exception. */
  R await() throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Cancels the call: the server discards what it received and reports nothing. */
  void cancel(String why, Throwable cause) {
    requests.cancel(why, cause);
  }

  private final class Responses implements ClientResponseObserver<Q, R> {
    @Override
    public void beforeStart(ClientCallStreamObserver<Q> call) {
      call.setOnReadyHandler(this::signal);
    }

    @Override
    public void onNext(R response) {
      result.complete(response);
    }

    @Override
    public void onError(Throwable failure) {
      result.completeExceptionally(failure);
      signal();
    }

    @Override
    public void onCompleted() {
      signal();
    }

    private void signal() {
      lock.lock();
      try {
        ready.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
