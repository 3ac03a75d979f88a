package dev.assay.console;

import com.sun.net.httpserver.HttpServer;
import dev.assay.console.http.ApiHandler;
import dev.assay.console.http.StaticFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP server (the JDK's): the UI at {@code /}, the JSON API at {@code /api/}. Calls
 * to the services block, so requests run on a small pool and a page's parallel fetches overlap.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final int WORKER_THREADS = 16;

  private final HttpServer server;
  private final ExecutorService workers;
  private final int drainSeconds;

  private ConsoleServer(HttpServer server, ExecutorService workers, int drainSeconds) {
    this.server = server;
    this.workers = workers;
    this.drainSeconds = drainSeconds;
  }

  /**
   * Binds {@code port} on every interface (0 picks a free one) and starts serving; {@link #close}
   * waits up to {@code drainSeconds} for requests in flight.
   */
  public static ConsoleServer start(int port, ApiHandler api, StaticFiles files, int drainSeconds)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/api/", api);
    server.createContext("/", files);
    ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS);
    server.setExecutor(workers);
    server.start();
    return new ConsoleServer(server, workers, drainSeconds);
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets in-flight requests finish for up to the drain time. */
  @Override
  public void close() {
    server.stop(drainSeconds);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
