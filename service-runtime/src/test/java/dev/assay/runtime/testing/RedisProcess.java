package dev.assay.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free port in 20000-22767 (its cluster bus port, +10000, free
 * too), in a directory of its own: the test may crash it, restart it, flush it or make it a cluster
 * node without touching the shared Redis on 6379.
 */
public final class RedisProcess implements AutoCloseable {
  private final int port;
  private final int tlsPort;
  private final Path dir;
  private final List<String> options;
  private Process process;

  private RedisProcess(int port, int tlsPort, Path dir, List<String> options) {
    this.port = port;
    this.tlsPort = tlsPort;
    this.dir = dir;
    this.options = List.copyOf(options);
    this.process = launch();
  }

  /** Starts a server that keeps nothing on disk: a restart comes back empty. */
  public static RedisProcess ephemeral() {
    return start(List.of("--save", "", "--appendonly", "no"));
  }

  /** Starts a server that writes every command to its append-only file before answering. */
  public static RedisProcess persistent() {
    return start(List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always"));
  }

  /** Starts a server with these extra redis-server options. */
  public static RedisProcess start(List<String> options) {
    try {
      return new RedisProcess(freePort(), 0, Files.createTempDirectory("assay-redis-"), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a server that also speaks TLS on {@link #tlsPort()} with the test {@code server}
   * certificate of {@code certificates}, trusting its CA for client certificates, which it requires
   * when {@code requireClientCertificates}. Its plaintext {@link #port()} stays open for the test's
   * own commands; cluster bus and replication links use TLS too ({@code extraOptions} may make it a
   * cluster node).
   */
  public static RedisProcess startTls(
      TestCertificates certificates, boolean requireClientCertificates, List<String> extraOptions) {
    List<String> options = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
    options.addAll(
        List.of(
            "--tls-cert-file",
            certificates.serverCert().toString(),
            "--tls-key-file",
            certificates.serverKey().toString(),
            "--tls-ca-cert-file",
            certificates.caCert().toString(),
            "--tls-auth-clients",
            requireClientCertificates ? "yes" : "no",
            "--tls-replication",
            "yes",
            "--tls-cluster",
            "yes"));
    options.addAll(extraOptions);
    int port = freePort();
    int tlsPort = freePort();
    while (tlsPort == port) {
      tlsPort = freePort();
    }
    try {
      return new RedisProcess(port, tlsPort, Files.createTempDirectory("assay-redis-"), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** The TLS port of a server started with {@link #startTls}, else 0. */
  public int tlsPort() {
    return tlsPort;
  }

  /** {@code rediss://127.0.0.1:<tls port>} of a server started with {@link #startTls}. */
  public String tlsUrl() {
    if (tlsPort == 0) {
      throw new IllegalStateException("not started with TLS");
    }
    return "rediss://127.0.0.1:" + tlsPort;
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the server process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Starts it again on the same port and directory (it reloads its files, if it keeps any). */
  public void restart() {
    process = launch();
  }

  /** Sends one command and returns the first line of the reply (for FLUSHALL, DEBUG SLEEP...). */
  public String command(String... words) {
    return RedisProcess.command(port, words);
  }

  @Override
  public void close() {
    kill();
    deleteQuietly(dir);
  }

  /** Sends one command to {@code 127.0.0.1:port} in RESP and returns the first reply line. */
  static String command(int port, String... words) {
    StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
    for (String word : words) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process launch() {
    List<String> command = new ArrayList<>();
    command.add("redis-server");
    command.add("--port");
    command.add(Integer.toString(port));
    command.add("--bind");
    command.add("127.0.0.1");
    command.add("--dir");
    command.add(dir.toString());
    command.add("--logfile");
    command.add(dir.resolve("redis.log").toString());
    if (tlsPort != 0) {
      command.add("--tls-port");
      command.add(Integer.toString(tlsPort));
    }
    command.addAll(options);
    try {
      Process started =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out.log").toFile())
              .start();
      Await.awaitWithin(
          Duration.ofSeconds(20), "redis-server on " + port + " answers", () -> isAnswering(port));
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server could not start (is it installed?)", e);
    }
  }

  private static boolean isAnswering(int port) {
    try {
      String reply = command(port, "PING");
      // A server started with --requirepass answers, but refuses the PING itself.
      return reply.equals("+PONG") || reply.startsWith("-NOAUTH");
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /**
   * A port in 20000-22767 free now, whose cluster bus port (+10000) is free too. Both stay below
   * Linux's ephemeral range (32768+): a client retrying a dead port in that range can connect to
   * itself (TCP simultaneous open) and take the port the restarted server needs.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 22_768);
      if (isFree(port) && isFree(port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair found");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(RedisProcess::delete);
    } catch (IOException e) {
      // A temporary directory: the OS cleans it eventually.
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // See deleteQuietly.
    }
  }
}
