package dev.assay.bandit.store;

import dev.assay.runtime.errors.UnavailableException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for Redis replies within the command timeout and runs Lua scripts by SHA (sending the
 * source once Redis has forgotten it, e.g. after a restart). Every failure, timeout or interruption
 * becomes an {@link UnavailableException}.
 */
final class RedisCalls {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final Duration timeout;

  RedisCalls(RedisClusterAsyncCommands<String, String> redis, Duration timeout) {
    this.redis = redis;
    this.timeout = timeout;
  }

  /** The reply of a pipelined command. */
  <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for redis", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RedisNoScriptException noScript) {
        throw noScript;
      }
      throw new UnavailableException("redis unavailable: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new UnavailableException(
          "redis did not answer within " + timeout.toMillis() + " ms", e);
    } catch (RedisException e) {
      throw new UnavailableException("redis unavailable: " + e.getMessage(), e);
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
      throw new UnavailableException("redis unavailable: " + e.getMessage(), e);
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
        throw new UnavailableException("redis unavailable: " + inner.getMessage(), inner);
      }
    }
  }

  /** Runs a script whose reply is an integer. */
  long runForInteger(LuaScript script, String[] keyArgs, String... args) {
    return (Long) run(script, ScriptOutputType.INTEGER, keyArgs, args);
  }
}
