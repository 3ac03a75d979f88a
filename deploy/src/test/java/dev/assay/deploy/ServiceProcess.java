package dev.assay.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Assay service started from its runnable jar ({@code <service>/target/<service>.jar}, built by
 * the reactor before this module), as an operator would run it: its own JVM, real ports, its log in
 * a file. Closing it sends SIGTERM and waits for the graceful shutdown.
 */
final class ServiceProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String service;
  private final Process process;
  private final Path log;
  private final int port;

  private ServiceProcess(String service, Process process, Path log, int port) {
    this.service = service;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts {@code service} (assignment, bandit or analysis) on {@code port} with these flags and
   * waits until it logs that it is ready.
   */
  static ServiceProcess start(String service, int port, Path logDirectory, List<String> flags)
      throws IOException, InterruptedException {
    Path jar = repositoryRoot().resolve(service + "-service/target/" + service + "-service.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the services first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(jar.toString());
    command.add("--" + service + "-port=" + port);
    command.add("--shutdown-grace=2s");
    command.addAll(flags);
    Path log = Files.createTempFile(logDirectory, service + "-", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServiceProcess started = new ServiceProcess(service, process, log, port);
    started.awaitReady();
    return started;
  }

  /** A port nothing listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  String address() {
    return "127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Everything the service wrote so far. */
  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private void awaitReady() throws IOException, InterruptedException {
    Pattern ready = Pattern.compile("\"event\":\"" + service + "\\.ready\",\"port\":(\\d+)");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = ready.matcher(output());
      if (matcher.find()) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(service + " exited at start:\n" + output());
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        service + " not ready after " + START_TIMEOUT + ":\n" + output());
  }

  /** Stops the service the way an orchestrator does: SIGTERM, then a bounded wait. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return here.getFileName().toString().equals("deploy") ? here.getParent() : here;
  }
}
