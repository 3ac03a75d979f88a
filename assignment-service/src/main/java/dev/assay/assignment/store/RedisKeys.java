package dev.assay.assignment.store;

import dev.assay.assignment.overrides.OverrideTarget;
import org.jspecify.annotations.Nullable;

/**
 * The Redis key layout. Each definition and its overrides share a hash tag ({@code
 * {experiment:k}}), so they live in one Redis Cluster slot and one script can update them together.
 *
 * <pre>
 * {prefix}:assignment:{experiment:KEY}            hash: def (protobuf Experiment), version
 * {prefix}:assignment:{experiment:KEY}:overrides  hash: unit id -> protobuf Override
 * {prefix}:assignment:{flag:KEY}                  hash: def (protobuf FeatureFlag), version
 * {prefix}:assignment:{flag:KEY}:overrides        hash: unit id -> protobuf Override
 * {prefix}:assignment:changes                     pub/sub channel announcing every write
 * {prefix}:assignment:{meta}:epoch|revision|restore-lock   see StoreGuard
 * </pre>
 */
final class RedisKeys {
  private final String base;

  RedisKeys(String prefix) {
    this.base = prefix + ":assignment:";
  }

  String experiment(String key) {
    return base + "{experiment:" + key + "}";
  }

  String flag(String key) {
    return base + "{flag:" + key + "}";
  }

  String overrides(OverrideTarget target) {
    return (target.kind() == OverrideTarget.Kind.EXPERIMENT
            ? experiment(target.key())
            : flag(target.key()))
        + ":overrides";
  }

  String experimentPattern() {
    return base + "{experiment:*}";
  }

  String flagPattern() {
    return base + "{flag:*}";
  }

  String overridesPattern() {
    return base + "{*}:overrides";
  }

  /** The target of an overrides key, or null if it is not one. */
  @Nullable OverrideTarget targetOfOverridesKey(String redisKey) {
    String inner =
        redisKey.substring(base.length() + 1, redisKey.length() - "}:overrides".length());
    if (inner.startsWith("experiment:")) {
      return OverrideTarget.experiment(inner.substring("experiment:".length()));
    }
    if (inner.startsWith("flag:")) {
      return OverrideTarget.flag(inner.substring("flag:".length()));
    }
    return null;
  }

  /** The base of the store's marker keys ({@code StoreGuard}), in a slot of their own. */
  String meta() {
    return base + "{meta}";
  }

  String changesChannel() {
    return base + "changes";
  }
}
