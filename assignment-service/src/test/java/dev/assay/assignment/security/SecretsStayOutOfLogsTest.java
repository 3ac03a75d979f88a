package dev.assay.assignment.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.AssignmentServer;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.runtime.security.BearerCredentials;
import dev.assay.runtime.security.BearerToken;
import dev.assay.runtime.testing.RedisProcess;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process, started as an operator would (a Redis URL with a password, a tokens
 * file, authentication on, a token for the analysis service), called with good, bad and wrong-scope
 * tokens, then stopped: nothing it wrote to its output may contain the Redis password or any token
 * secret.
 */
class SecretsStayOutOfLogsTest {
  private static final String REDIS_PASSWORD = "redis-pass-7Qz9";
  private static final String ANALYSIS_TOKEN = "analysis-token-Vx81";
  private static final Pattern PORT =
      Pattern.compile("\"event\":\"assignment.ready\",\"port\":(\\d+)");

  @Test
  void neitherTheRedisPasswordNorAnyTokenSecretIsEverLogged(@TempDir Path dir) throws Exception {
    BearerToken reader = BearerToken.generate(new SecureRandom());
    BearerToken stranger = BearerToken.generate(new SecureRandom());
    Path tokens = dir.resolve("tokens.json");
    Files.writeString(
        tokens,
        "{\"tokens\": [{\"id\": \""
            + reader.id()
            + "\", \"sha256\": \""
            + reader.sha256Hex()
            + "\", \"display_name\": \"reader\", \"scopes\": [\"experiments:read\"]}]}");
    Path log = dir.resolve("server.log");
    try (RedisProcess redis = RedisProcess.start(List.of("--requirepass", REDIS_PASSWORD))) {
      Process server =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  AssignmentServer.class.getName(),
                  "--assignment-port=0",
                  "--redis-url=redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port(),
                  "--redis-key-prefix=secrets-test-" + System.nanoTime(),
                  "--auth=tokens",
                  "--tokens-file=" + tokens,
                  // Nothing listens there: exposures would be dropped, the token never shown.
                  "--analysis-target=127.0.0.1:1",
                  "--analysis-token=" + ANALYSIS_TOKEN,
                  "--shutdown-grace=1s")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        int port = awaitPort(log, server);
        ManagedChannel channel =
            NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
          List<Status.Code> codes = new ArrayList<>();
          codes.add(
              code(
                  () ->
                      DefinitionServiceGrpc.newBlockingStub(channel)
                          .withCallCredentials(new BearerCredentials(reader.value()))
                          .getExperiment(
                              GetExperimentRequest.newBuilder().setKey("absent").build())));
          codes.add(
              code(
                  () ->
                      EvaluationServiceGrpc.newBlockingStub(channel)
                          .withCallCredentials(new BearerCredentials(reader.value()))
                          .evaluate(EvaluateRequest.newBuilder().setUnitId("u").build())));
          codes.add(
              code(
                  () ->
                      EvaluationServiceGrpc.newBlockingStub(channel)
                          .withCallCredentials(new BearerCredentials(stranger.value()))
                          .evaluate(EvaluateRequest.newBuilder().setUnitId("u").build())));
          assertEquals(
              List.of(
                  Status.Code.NOT_FOUND,
                  Status.Code.PERMISSION_DENIED,
                  Status.Code.UNAUTHENTICATED),
              codes);
        } finally {
          channel.shutdownNow();
        }
      } finally {
        server.destroy();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
      }
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(output.contains("\"event\":\"server.stopped\""), output);
    assertTrue(output.contains("redis://:***@127.0.0.1"), "the URL is logged masked:\n" + output);
    assertFalse(output.contains(REDIS_PASSWORD), output);
    assertTrue(output.contains("\"event\":\"exposures.enabled\""), output);
    assertFalse(output.contains(ANALYSIS_TOKEN), output);
    for (BearerToken token : List.of(reader, stranger)) {
      assertFalse(output.contains(token.value().substring(21)), output);
    }
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static int awaitPort(Path log, Process server) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      Matcher ready = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (ready.find()) {
        return Integer.parseInt(ready.group(1));
      }
      if (!server.isAlive()) {
        throw new AssertionError("the server exited:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server did not start:\n" + Files.readString(log));
  }
}
