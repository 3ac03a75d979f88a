package dev.assay.bandit.store;

import dev.assay.runtime.log.EventLog;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each sticky bandit's stream of sticky assignments in Redis, trimmed to the sticky duration: every
 * replica appends what it assigns and reads what the others did.
 */
final class RedisStickyLog {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final RedisKeys keys;
  private final FailureLog stickyFailures = new FailureLog();

  RedisStickyLog(
      RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.keys = keys;
  }

  /** Appends without waiting; a failure is logged (at most once a minute), never thrown. */
  void append(String banditKey, StickyAssignment a, long nowMillis, long stickyDurationMillis) {
    Map<String, String> body = StickyCodec.encode(a);
    String minId = Long.toString(Math.max(0, nowMillis - stickyDurationMillis));
    try {
      redis
          .xadd(keys.sticky(banditKey), new XAddArgs().minId(minId).approximateTrimming(), body)
          .whenComplete(
              (id, error) -> {
                if (error != null) {
                  stickyFailures.warn(banditKey, error, nowMillis);
                }
              });
    } catch (RedisException e) {
      stickyFailures.warn(banditKey, e, nowMillis);
    }
  }

  /** Up to {@code limit} assignments appended after {@code cursor}, in append order. */
  StickyPage read(String banditKey, String cursor, int limit) {
    Range<String> range =
        cursor.isEmpty()
            ? Range.<String>unbounded()
            : Range.from(Range.Boundary.excluding(cursor), Range.Boundary.unbounded());
    List<StreamMessage<String, String>> messages =
        calls.await(redis.xrange(keys.sticky(banditKey), range, Limit.create(0, limit)));
    List<StickyAssignment> out = new ArrayList<>();
    String next = cursor;
    for (StreamMessage<String, String> m : messages) {
      out.add(StickyCodec.decode(m.getBody()));
      next = m.getId();
    }
    return new StickyPage(out, next);
  }

  /** Logs failed sticky appends at most once a minute, so an outage does not flood the log. */
  private static final class FailureLog {
    private final AtomicLong lastLogged = new AtomicLong();

    void warn(String banditKey, Throwable error, long nowMillis) {
      long last = lastLogged.get();
      if (nowMillis - last > 60_000 && lastLogged.compareAndSet(last, nowMillis)) {
        EventLog.warn(
            "bandit.sticky_append_failed",
            "bandit",
            banditKey,
            "error",
            String.valueOf(error.getMessage()),
            "effect",
            "the assignment holds on this replica only");
      }
    }
  }
}
