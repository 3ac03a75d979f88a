package dev.assay.bandit.hostile;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.LinUcb;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.ResetBanditRequest;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.runtime.testing.TestRedis;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stored state a client cannot produce through the API (written straight into Redis): one corrupt
 * bandit must not stop the others from refreshing, and a reward script that fails must change
 * nothing and say nothing about its internals.
 */
class RedisCorruptStateTest {
  private final TestRedis redis = new TestRedis();
  private final RedisClient raw = RedisClient.create(TestRedis.URL);
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> direct;
  private InProcessBandit writer;
  private InProcessBandit reader;

  @BeforeEach
  void start() {
    connection = raw.connect();
    direct = connection.sync();
    // Two replicas: the writer takes requests; the reader only refreshes from Redis.
    writer =
        redis.closeLater(
            new InProcessBandit(new RedisBanditStore(redis.connect(), 1_000), Duration.ofHours(1)));
    reader =
        redis.closeLater(
            new InProcessBandit(new RedisBanditStore(redis.connect(), 1_000), Duration.ofHours(1)));
  }

  @AfterEach
  void stop() {
    connection.close();
    raw.shutdown();
    redis.close();
  }

  private String key(String bandit, String suffix) {
    return redis.prefix() + ":{bandit:" + bandit + "}:" + suffix;
  }

  private SelectResponse select(InProcessBandit replica, String bandit) {
    return replica.bandits().select(SelectRequest.newBuilder().setBanditKey(bandit).build());
  }

  private boolean reward(String decisionId, double reward) {
    return !writer
        .bandits()
        .recordReward(
            RecordRewardRequest.newBuilder().setDecisionId(decisionId).setReward(reward).build())
        .getDuplicate();
  }

  private double readerPulls(String bandit, String arm) {
    return reader.snapshot(bandit).orElseThrow().stats(arm).pulls();
  }

  @Test
  void aCorruptBanditBesideAGoodOneNeverStopsTheRefresh() {
    writer.create(bandit("good", thompsonBernoulli(), "a"));
    writer.create(bandit("stats-go-bad", thompsonBernoulli(), "a"));
    writer.create(
        bandit(
            "throws",
            PolicyConfig.newBuilder().setLinUcb(LinUcb.newBuilder().setDimension(2)).build(),
            "a"));
    reward(select(writer, "stats-go-bad").getDecisionId(), 1);
    reader.refreshSnapshot();
    assertEquals(1.0, readerPulls("stats-go-bad", "a"));

    // undecodable JSON for a bandit the reader never saw
    direct.zadd(redis.prefix() + ":bandits", 0, "not-json");
    direct.hset(key("not-json", "def"), "json", "{not json");
    direct.hset(key("not-json", "def"), "version", "1");
    // a definition whose policy makes the snapshot throw (negative dimension)
    String json = direct.hget(key("throws", "def"), "json");
    direct.hset(key("throws", "def"), "json", json.replace("\"dimension\":2", "\"dimension\":-1"));
    direct.hincrby(key("throws", "def"), "rev", 1);
    // a statistic that is not a number, for a bandit the reader serves
    direct.hset(key("stats-go-bad", "arm:a"), "n", "not-a-number");
    direct.hincrby(key("stats-go-bad", "def"), "rev", 1);

    reward(select(writer, "good").getDecisionId(), 1);
    reader.refreshSnapshot();
    assertEquals(1.0, readerPulls("good", "a"), "the good bandit's reward reached the snapshot");
    assertEquals(1.0, readerPulls("stats-go-bad", "a"), "the last good snapshot keeps serving");
    assertFalse(reader.snapshot("not-json").isPresent());
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> select(reader, "not-json"));
    assertEquals("a", select(reader, "stats-go-bad").getArmId());

    // once repaired, the bandit is served again
    direct.hset(key("stats-go-bad", "arm:a"), "n", "2");
    direct.hincrby(key("stats-go-bad", "def"), "rev", 1);
    reader.refreshSnapshot();
    assertEquals(2.0, readerPulls("stats-go-bad", "a"));
  }

  @Test
  void aRewardScriptThatFailsChangesNothingAndLeaksNoScriptDetails() {
    writer.create(bandit("home", thompsonBernoulli(), "a"));
    String id = select(writer, "home").getDecisionId();
    direct.set(key("home", "arm:a"), "a string where a hash belongs");

    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> reward(id, 1));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    // the runtime answers every dependency failure with an error id only (GrpcErrors): Redis's
    // text (script hash, line, WRONGTYPE) stays in the log
    String description = String.valueOf(e.getStatus().getDescription());
    assertTrue(
        description.matches("temporarily unavailable, safe to retry \\(error id [0-9a-f-]{36}\\)"),
        description);

    direct.del(key("home", "arm:a"));
    assertTrue(reward(id, 1), "the failed script claimed no marker, so the retry applies");
  }

  @Test
  void rewardsThatWouldTakeAStoredStatisticPastTheRangeChangeNothing() {
    writer.create(bandit("home", thompsonBernoulli(), "a"));
    String first = select(writer, "home").getDecisionId();
    assertTrue(reward(first, 1));
    direct.hset(key("home", "arm:a"), "s", "1.5e300");
    String second = select(writer, "home").getDecisionId();
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> reward(second, 1));
    assertEquals("1.5e300", direct.hget(key("home", "arm:a"), "s"));
    assertEquals("1", direct.hget(key("home", "arm:a"), "n"));
    writer.admin().resetBandit(ResetBanditRequest.newBuilder().setKey("home").build());
    assertTrue(reward(second, 1), "the refused reward's marker was not claimed");
    assertNotEquals("1.5e300", direct.hget(key("home", "arm:a"), "s"));
  }
}
