package dev.assay.assignment.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of Redis that a test can cut and restore, to make Redis "go away" for one
 * client without touching the shared Redis server.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    restore();
  }

  /** {@code redis://127.0.0.1:<proxy port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Drops every connection and refuses new ones. */
  public synchronized void cut() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Already closed.
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
    sockets.clear();
  }

  /** Accepts connections again on the same port. */
  public synchronized void restore() {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress("127.0.0.1", port));
      listener = server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket accepting = listener;
    Thread acceptor = new Thread(() -> accept(accepting), "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ignored) {
                // Connection cut.
              } finally {
                try {
                  to.close();
                } catch (IOException ignored) {
                  // Already closed.
                }
              }
            },
            "tcp-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    cut();
  }
}
