package dev.assay.bandit.store;

import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.UnavailableException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reward batches as calls of {@link RedisScripts#APPLY_REWARDS}: each claims its markers and
 * updates its arms in one all-or-nothing script over one bandit's hash-tagged keys.
 */
final class RedisRewardScripts {
  /** Rewards per Lua call: bounds how long one script blocks Redis. */
  static final int REWARDS_PER_SCRIPT = 500;

  private final RedisCalls calls;
  private final RedisKeys keys;
  private final int logCapacity;
  private final BooleanSupplier storeIntact;

  /**
   * Scripts through {@code calls} under {@code keys}, keeping {@code logCapacity} log entries;
   * {@code storeIntact} tells a bandit that never existed from one a lost store no longer holds.
   */
  RedisRewardScripts(
      RedisCalls calls, RedisKeys keys, int logCapacity, BooleanSupplier storeIntact) {
    this.calls = calls;
    this.keys = keys;
    this.logCapacity = logCapacity;
    this.storeIntact = storeIntact;
  }

  /**
   * Applies {@code writes} to one bandit, at most {@link #REWARDS_PER_SCRIPT} per script, all
   * pipelined; returns per write whether it was applied (false: its marker existed).
   */
  boolean[] apply(String banditKey, List<RewardWrite> writes, long halfLifeMillis, long nowMillis) {
    List<RedisFuture<Object>> futures = new ArrayList<>();
    List<String[][]> scriptCalls = new ArrayList<>();
    for (int from = 0; from < writes.size(); from += REWARDS_PER_SCRIPT) {
      List<RewardWrite> chunk =
          writes.subList(from, Math.min(writes.size(), from + REWARDS_PER_SCRIPT));
      String[][] call = scriptCall(banditKey, chunk, halfLifeMillis, nowMillis);
      scriptCalls.add(call);
      futures.add(calls.send(RedisScripts.APPLY_REWARDS, ScriptOutputType.MULTI, call[0], call[1]));
    }
    boolean[] applied = new boolean[writes.size()];
    int index = 0;
    for (int c = 0; c < futures.size(); c++) {
      Object reply;
      try {
        reply = calls.await(futures.get(c));
      } catch (RedisNoScriptException e) {
        reply =
            calls.run(
                RedisScripts.APPLY_REWARDS,
                ScriptOutputType.MULTI,
                scriptCalls.get(c)[0],
                scriptCalls.get(c)[1]);
      }
      List<?> result = (List<?>) reply;
      long first = result.isEmpty() ? 0 : (Long) result.get(0);
      if (first == -1) {
        if (!storeIntact.getAsBoolean()) {
          // Missing because the store lost it, not because it never existed: retry after restore.
          throw new UnavailableException(
              "the bandit store is being restored after Redis lost its data; retry shortly");
        }
        throw new NotFoundException("bandit '" + banditKey + "' not found");
      } else if (first == -2) {
        throw StatisticsLimit.exceeded(banditKey);
      } else if (first < 0) {
        throw new UnreadableBanditException(
            new UnreadableBandit(banditKey, "arm statistics, revision or log are corrupt"));
      }
      for (Object r : result) {
        applied[index++] = ((Long) r) == 1L;
      }
    }
    return applied;
  }

  private String[][] scriptCall(
      String banditKey, List<RewardWrite> chunk, long halfLifeMillis, long nowMillis) {
    String[] keyArgs = new String[2 + 2 * chunk.size()];
    keyArgs[0] = keys.definition(banditKey);
    keyArgs[1] = keys.log(banditKey);
    List<String> args = new ArrayList<>();
    args.add(Long.toString(halfLifeMillis));
    args.add(Long.toString(nowMillis));
    args.add(Integer.toString(logCapacity));
    args.add(Integer.toString(chunk.size()));
    for (int i = 0; i < chunk.size(); i++) {
      RewardWrite w = chunk.get(i);
      keyArgs[2 + 2 * i] = keys.marker(banditKey, w.markerId());
      keyArgs[3 + 2 * i] = keys.arm(banditKey, w.armId());
      args.add(Long.toString(Math.max(1, w.markerExpiresAtMillis() - nowMillis)));
      args.add(w.logEntry());
      args.add(Integer.toString(w.increments().size()));
      w.increments()
          .forEach(
              (field, inc) -> {
                args.add(field);
                args.add(number(inc));
              });
    }
    return new String[][] {keyArgs, args.toArray(String[]::new)};
  }

  /** Integral values (the common 0/1 rewards) as integers: shorter to send and parse. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
