package dev.assay.bandit.store;

import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits for Redis replies within the command timeout and runs Lua scripts by SHA (sending the
 * source once Redis has forgotten it, e.g. after a restart). Every failure, timeout or interruption
 * becomes an {@link UnavailableException} whose message is only {@value #UNAVAILABLE}: Redis's own
 * text (script hashes, script line numbers, server addresses) goes to the log, rate-limited, never
 * to the caller.
 */
final class RedisCalls {
  /** The whole message a caller gets for any Redis failure. */
  static final String UNAVAILABLE = "redis unavailable, safe to retry";

  /** While Redis keeps failing, one failure in this many is logged, so outages do not flood it. */
  private static final long LOG_EVERY = 1_000;

  /** Failures since the last reply that succeeded. */
  private final AtomicLong consecutiveFailures = new AtomicLong();

  private final RedisClusterAsyncCommands<String, String> redis;
  private final Duration timeout;

  RedisCalls(RedisClusterAsyncCommands<String, String> redis, Duration timeout) {
    this.redis = redis;
    this.timeout = timeout;
  }

  /** The reply of a pipelined command. */
  <T> T await(RedisFuture<T> future) {
    try {
      T reply = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (consecutiveFailures.get() != 0) {
        consecutiveFailures.set(0);
      }
      return reply;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for redis", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RedisNoScriptException noScript) {
        throw noScript;
      }
      throw unavailable(String.valueOf(cause.getMessage()), cause);
    } catch (TimeoutException e) {
      throw unavailable("redis did not answer within " + timeout.toMillis() + " ms", e);
    } catch (RedisException e) {
      throw unavailable(String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Sends a script by its SHA without waiting; the reply is a {@code Long} (INTEGER) or a {@code
   * List} (MULTI), and {@link #await} rethrows {@link RedisNoScriptException} if Redis does not
   * know the script.
   */
  RedisFuture<Object> send(
      LuaScript script, ScriptOutputType type, String[] keyArgs, String... args) {
    try {
      return redis.<Object>evalsha(script.sha(), type, keyArgs, args);
    } catch (RedisException e) {
      throw unavailable(String.valueOf(e.getMessage()), e);
    }
  }

  /** Runs a script and waits for its reply, sending its source if Redis does not know it. */
  Object run(LuaScript script, ScriptOutputType type, String[] keyArgs, String... args) {
    try {
      return await(send(script, type, keyArgs, args));
    } catch (RedisNoScriptException e) {
      try {
        return await(redis.<Object>eval(script.source(), type, keyArgs, args));
      } catch (RedisException inner) {
        throw unavailable(String.valueOf(inner.getMessage()), inner);
      }
    }
  }

  /** Runs a script whose reply is an integer. */
  long runForInteger(LuaScript script, String[] keyArgs, String... args) {
    return (Long) run(script, ScriptOutputType.INTEGER, keyArgs, args);
  }

  /**
   * The caller's error for a Redis failure: a fixed message. {@code detail} (which may name script
   * hashes and lines) is logged for the first failure after a success and then for every {@value
   * #LOG_EVERY}th.
   */
  private UnavailableException unavailable(String detail, Throwable cause) {
    long failures = consecutiveFailures.incrementAndGet();
    if (failures == 1 || failures % LOG_EVERY == 0) {
      EventLog.warn(
          "bandit.redis_failed",
          "error",
          detail.length() > 500 ? detail.substring(0, 500) + "..." : detail,
          "exception",
          cause.getClass().getSimpleName(),
          "consecutive_failures",
          failures);
    }
    return new UnavailableException(UNAVAILABLE, cause);
  }
}
