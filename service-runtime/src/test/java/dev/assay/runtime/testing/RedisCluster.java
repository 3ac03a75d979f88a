package dev.assay.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster of the test's own: three primaries and three replicas, each a {@link
 * RedisProcess}, joined with {@code redis-cli --cluster create}. A short node timeout (1 s) makes a
 * replica take over within a few seconds of its primary dying.
 */
public final class RedisCluster implements AutoCloseable {
  private final List<RedisProcess> nodes = new ArrayList<>();
  private final @Nullable TestCertificates tls;

  /** Starts six nodes and joins them: nodes 0-2 start as primaries, 3-5 as their replicas. */
  public RedisCluster() {
    this(null);
  }

  /**
   * Starts six nodes that speak TLS (clients, cluster bus and replication), with the test server
   * certificate of {@code certificates}, requiring client certificates signed by its CA; {@link
   * #tlsUrl()} reaches them. Their plaintext ports stay open for the test's own checks.
   */
  public static RedisCluster tls(TestCertificates certificates) {
    return new RedisCluster(certificates);
  }

  private RedisCluster(@Nullable TestCertificates tls) {
    this.tls = tls;
    List<String> options =
        List.of(
            "--cluster-enabled", "yes",
            "--cluster-node-timeout", "1000",
            "--cluster-config-file", "nodes.conf",
            "--save", "",
            "--appendonly", "no");
    try {
      for (int i = 0; i < 6; i++) {
        nodes.add(
            tls == null ? RedisProcess.start(options) : RedisProcess.startTls(tls, true, options));
      }
      create();
      Await.awaitWithin(Duration.ofSeconds(30), "cluster state ok on every node", this::isOk);
      Await.awaitWithin(
          Duration.ofSeconds(30), "every replica linked to its primary", this::areReplicasLinked);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The node at {@code index} (0-2 primaries at creation, 3-5 replicas). */
  public RedisProcess node(int index) {
    return nodes.get(index);
  }

  /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...} over every node. */
  public String url() {
    return "redis-cluster://"
        + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /**
   * Whether the cluster has failed {@code killed} over: every live node sees it as failed (not
   * merely suspected) and reports {@code cluster_state:ok}, so its replica serves its slots.
   */
  public boolean hasFailedOver(RedisProcess killed) {
    for (RedisProcess node : nodes) {
      if (!node.isAlive()) {
        continue;
      }
      String view = run("redis-cli", "-p", Integer.toString(node.port()), "CLUSTER", "NODES");
      boolean seenFailed =
          view.lines()
              .anyMatch(
                  l -> l.contains(":" + killed.port() + "@") && l.matches(".*[ ,]fail[ ,].*"));
      if (!seenFailed) {
        return false;
      }
    }
    return isOk();
  }

  /** Whether three nodes are replicas and each is linked to its primary. */
  public boolean areReplicasLinked() {
    for (RedisProcess node : nodes) {
      String replication =
          run("redis-cli", "-p", Integer.toString(node.port()), "INFO", "replication");
      if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
        return false;
      }
    }
    return nodes.stream()
            .filter(
                n ->
                    run("redis-cli", "-p", Integer.toString(n.port()), "INFO", "replication")
                        .contains("role:slave"))
            .count()
        == 3;
  }

  /** {@code CLUSTER NODES} as a live node sees it, for failure messages. */
  public String nodesView() {
    for (RedisProcess node : nodes) {
      if (node.isAlive()) {
        return run("redis-cli", "-p", Integer.toString(node.port()), "CLUSTER", "NODES");
      }
    }
    return "no live node";
  }

  /** {@code rediss-cluster://127.0.0.1:t1,...} over every node's TLS port. */
  public String tlsUrl() {
    return "rediss-cluster://"
        + nodes.stream().map(n -> "127.0.0.1:" + n.tlsPort()).collect(Collectors.joining(","));
  }

  /** Whether every live node reports {@code cluster_state:ok} (a killed node does not count). */
  public boolean isOk() {
    for (RedisProcess node : nodes) {
      if (node.isAlive() && !info(node.port()).contains("cluster_state:ok")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    nodes.forEach(RedisProcess::close);
  }

  private static String info(int port) {
    return run("redis-cli", "-p", Integer.toString(port), "CLUSTER", "INFO");
  }

  private void create() {
    List<String> command = new ArrayList<>(List.of("redis-cli"));
    TestCertificates certificates = tls;
    if (certificates != null) {
      // Nodes meet on the port they were given, so a TLS cluster is joined over its TLS ports.
      command.addAll(
          List.of(
              "--tls",
              "--cacert",
              certificates.caCert().toString(),
              "--cert",
              certificates.clientCert().toString(),
              "--key",
              certificates.clientKey().toString()));
    }
    command.addAll(List.of("--cluster", "create"));
    nodes.forEach(n -> command.add("127.0.0.1:" + (certificates != null ? n.tlsPort() : n.port())));
    command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    String out = run(command.toArray(String[]::new));
    if (!out.contains("All 16384 slots covered")) {
      throw new IllegalStateException("cluster create failed: " + out);
    }
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
