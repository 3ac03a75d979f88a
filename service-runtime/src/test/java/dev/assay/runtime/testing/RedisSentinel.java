package dev.assay.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Sentinel set-up of the test's own: a primary, one replica and one Sentinel watching them under
 * the name {@code primary}, with a 1 s down-after time so a killed primary fails over in seconds.
 */
public final class RedisSentinel implements AutoCloseable {
  private final RedisProcess primary;
  private final RedisProcess replica;
  private final Path dir;
  private final int port;
  private final Process sentinel;

  /** Starts the primary, its replica and the Sentinel. */
  public RedisSentinel() {
    primary = RedisProcess.ephemeral();
    replica =
        RedisProcess.start(
            List.of(
                "--replicaof",
                "127.0.0.1",
                Integer.toString(primary.port()),
                "--save",
                "",
                "--appendonly",
                "no"));
    port = RedisProcess.freePort();
    try {
      dir = Files.createTempDirectory("assay-sentinel-");
      Path config = dir.resolve("sentinel.conf");
      Files.writeString(
          config,
          String.join(
              "\n",
              "port " + port,
              "bind 127.0.0.1",
              "dir " + dir,
              "sentinel monitor primary 127.0.0.1 " + primary.port() + " 1",
              "sentinel down-after-milliseconds primary 1000",
              "sentinel failover-timeout primary 10000",
              ""));
      sentinel =
          new ProcessBuilder("redis-server", config.toString(), "--sentinel")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sentinel.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Await.awaitWithin(
        Duration.ofSeconds(20),
        "sentinel knows the replica",
        () -> {
          try {
            return RedisProcess.command(port, "SENTINEL", "REPLICAS", "primary").startsWith("*1");
          } catch (UncheckedIOException e) {
            return false;
          }
        });
  }

  /** {@code redis-sentinel://127.0.0.1:<port>#primary}. */
  public String url() {
    return "redis-sentinel://127.0.0.1:" + port + "#primary";
  }

  /** The current primary at start. */
  public RedisProcess primary() {
    return primary;
  }

  /** Whether the replica has been promoted (its ROLE reply has a primary's three elements). */
  public boolean hasFailedOver() {
    try {
      return RedisProcess.command(replica.port(), "ROLE").equals("*3");
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    sentinel.destroyForcibly();
    RedisProcess.deleteQuietly(dir);
    replica.close();
    primary.close();
  }
}
