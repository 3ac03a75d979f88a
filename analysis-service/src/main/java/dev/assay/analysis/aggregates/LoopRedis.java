package dev.assay.analysis.aggregates;

import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.ThrottledWarning;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pipelined Redis calls for the loop store: waits for replies within the command timeout, runs
 * scripts by SHA (sending the source once after a Redis restart), and turns every failure into
 * {@code UNAVAILABLE} with a fixed message (Redis's own text goes to a throttled log line).
 */
final class LoopRedis {
  /** The whole message a caller gets for any Redis failure. */
  static final String UNAVAILABLE = "redis unavailable, safe to retry";

  private final RedisClusterAsyncCommands<String, String> redis;
  private final Duration timeout;
  private final ThrottledWarning failures = new ThrottledWarning(System::nanoTime, 1_000);

  LoopRedis(RedisClusterAsyncCommands<String, String> redis, Duration timeout) {
    this.redis = redis;
    this.timeout = timeout;
  }

  RedisClusterAsyncCommands<String, String> commands() {
    return redis;
  }

  /** A script call to send later: the script, its keys and its arguments. */
  record Call(LuaScript script, ScriptOutputType type, List<String> keys, List<String> args) {
    String[] keyArray() {
      return keys.toArray(String[]::new);
    }

    String[] argArray() {
      return args.toArray(String[]::new);
    }
  }

  /** Sends every call pipelined, then waits for all replies, in order. */
  List<Object> run(List<Call> calls) {
    List<RedisFuture<Object>> futures = new ArrayList<>(calls.size());
    for (Call call : calls) {
      futures.add(
          call(
              () ->
                  redis.<Object>evalsha(
                      call.script().sha(), call.type(), call.keyArray(), call.argArray())));
    }
    List<Object> replies = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      try {
        replies.add(await(futures.get(i)));
      } catch (RedisNoScriptException e) {
        replies.add(
            await(
                call(
                    () ->
                        redis.<Object>eval(
                            call.script().source(),
                            call.type(),
                            call.keyArray(),
                            call.argArray()))));
      }
    }
    return replies;
  }

  /** Runs one script and waits for its reply. */
  Object run(Call call) {
    return run(List.of(call)).get(0);
  }

  /** Sends a command, turning a synchronous Lettuce failure into UNAVAILABLE. */
  <T> RedisFuture<T> call(java.util.function.Supplier<RedisFuture<T>> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw unavailable(e);
    }
  }

  /** Waits for every future, in order. */
  <T> List<T> awaitAll(List<RedisFuture<T>> futures) {
    List<T> replies = new ArrayList<>(futures.size());
    for (RedisFuture<T> future : futures) {
      replies.add(await(future));
    }
    return replies;
  }

  /** The reply of a pipelined command; NOSCRIPT is rethrown for {@link #run} to handle. */
  <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RedisNoScriptException noScript) {
        throw noScript;
      }
      throw unavailable(cause);
    } catch (TimeoutException | RedisException e) {
      throw unavailable(e);
    }
  }

  private UnavailableException unavailable(Throwable cause) {
    String detail = String.valueOf(cause.getMessage());
    failures.warn(
        "analysis.redis_failed",
        "error",
        detail.length() > 300 ? detail.substring(0, 300) + "..." : detail,
        "exception",
        cause.getClass().getSimpleName());
    return new UnavailableException(UNAVAILABLE, cause);
  }
}
