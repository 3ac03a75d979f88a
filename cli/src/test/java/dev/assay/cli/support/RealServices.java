package dev.assay.cli.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The three real services, each started by its own {@code main} in a JVM of its own, in-memory
 * stores, on free ports, wired to each other as {@code deploy/local} wires them (assignment sends
 * exposures to analysis; analysis reads plans from assignment). Started once per test run and
 * stopped when the test JVM exits; tests use keys of their own so they never collide.
 */
public final class RealServices {
  private static @Nullable RealServices shared;

  private final int assignmentPort;
  private final int banditPort;
  private final int analysisPort;
  private final List<Process> processes = new ArrayList<>();

  private RealServices() throws IOException, InterruptedException {
    assignmentPort = freePort();
    banditPort = freePort();
    analysisPort = freePort();
    Path logs = Path.of("target", "services");
    Files.createDirectories(logs);
    start(
        logs,
        "analysis",
        "dev.assay.analysis.AnalysisServer",
        "--analysis-port=" + analysisPort,
        "--assignment-target=127.0.0.1:" + assignmentPort,
        "--shutdown-grace=0s");
    start(
        logs,
        "assignment",
        "dev.assay.assignment.AssignmentServer",
        "--assignment-port=" + assignmentPort,
        "--analysis-target=127.0.0.1:" + analysisPort,
        "--exposure-flush-interval=20ms",
        "--shutdown-grace=0s");
    start(
        logs,
        "bandit",
        "dev.assay.bandit.BanditServer",
        "--bandit-port=" + banditPort,
        "--shutdown-grace=0s");
    awaitListening("analysis", analysisPort, logs);
    awaitListening("assignment", assignmentPort, logs);
    awaitListening("bandit", banditPort, logs);
  }

  /** The services, started on first use. */
  public static synchronized RealServices shared() {
    RealServices running = shared;
    if (running == null) {
      try {
        RealServices started = new RealServices();
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-real-services"));
        shared = started;
        running = started;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the services", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the services", e);
      }
    }
    return running;
  }

  /** The environment that points the CLI at these services. */
  public Map<String, String> environment() {
    return Map.of(
        "ASSAY_ASSIGNMENT_TARGET", "127.0.0.1:" + assignmentPort,
        "ASSAY_BANDIT_TARGET", "127.0.0.1:" + banditPort,
        "ASSAY_ANALYSIS_TARGET", "127.0.0.1:" + analysisPort);
  }

  /** HOST:PORT of the assignment service. */
  public String assignmentTarget() {
    return "127.0.0.1:" + assignmentPort;
  }

  /** HOST:PORT of the bandit service. */
  public String banditTarget() {
    return "127.0.0.1:" + banditPort;
  }

  /** HOST:PORT of the analysis service. */
  public String analysisTarget() {
    return "127.0.0.1:" + analysisPort;
  }

  private void start(Path logs, String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    // Settings come from the flags only: an ASSAY_REDIS_URL in the developer's shell must not
    // point the test services at a shared Redis.
    Map<String, String> environment = builder.environment();
    new HashMap<>(environment)
        .keySet().stream().filter(key -> key.startsWith("ASSAY_")).forEach(environment::remove);
    builder.redirectErrorStream(true);
    builder.redirectOutput(logs.resolve(name + ".log").toFile());
    processes.add(builder.start());
  }

  private void awaitListening(String name, int port, Path logs)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "a service exited at start-up; see " + logs.toAbsolutePath() + "/*.log");
        }
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(name + " is not listening on " + port + " after 90 s");
  }

  private void stop() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
