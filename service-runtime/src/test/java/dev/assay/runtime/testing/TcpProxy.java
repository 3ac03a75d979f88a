package dev.assay.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to a local port (usually Redis on 6379) that a test can cut and restore, so the
 * target "goes away" for the clients behind the proxy without touching the shared server.
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile long delayMillis;

  /**
   * Starts forwarding a free local port below the ephemeral range (see {@link
   * RedisProcess#freePort}) to {@code 127.0.0.1:targetPort}.
   */
  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    this.listener = bind(RedisProcess.freePort());
    this.port = listener.getLocalPort();
    acceptOn(listener);
  }

  /** The local port clients connect to. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<proxy port>}. */
  public String redisUrl() {
    return "redis://127.0.0.1:" + port;
  }

  /** Drops every connection and refuses new ones: the target looks down. */
  public synchronized void cut() {
    closeQuietly(listener);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /**
   * Delays every chunk forwarded in either direction by {@code delay} from now on (a slow Redis);
   * {@link Duration#ZERO} forwards at once again.
   */
  public void delay(Duration delay) {
    delayMillis = delay.toMillis();
  }

  /** Accepts connections again on the same port. */
  public synchronized void restore() {
    listener = bind(port);
    acceptOn(listener);
  }

  @Override
  public void close() {
    cut();
  }

  private static ServerSocket bind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptOn(ServerSocket server) {
    daemon(
        "tcp-proxy-accept",
        () -> {
          while (!server.isClosed()) {
            try {
              Socket client = server.accept();
              Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
              sockets.add(client);
              sockets.add(upstream);
              pump(client, upstream, this);
              pump(upstream, client, this);
            } catch (IOException e) {
              return; // listener closed by cut()
            }
          }
        });
  }

  private static void pump(Socket from, Socket to, TcpProxy proxy) {
    daemon(
        "tcp-proxy-pump",
        () -> {
          byte[] buffer = new byte[16 * 1024];
          try (InputStream in = from.getInputStream();
              OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
              long delay = proxy.delayMillis;
              if (delay > 0) {
                Thread.sleep(delay); // the injected latency, not a wait for a condition
              }
              out.write(buffer, 0, n);
              out.flush();
            }
          } catch (IOException e) {
            // Cut: closing both ends below tells the client.
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            closeQuietly(from);
            closeQuietly(to);
          }
        });
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
