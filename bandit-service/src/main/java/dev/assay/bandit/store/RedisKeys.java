package dev.assay.bandit.store;

/**
 * Redis key layout. Every key of one bandit carries the hash tag {@code {bandit:<key>}} so that, in
 * Redis Cluster, they share a slot and one Lua script may touch them all:
 *
 * <pre>
 *   {prefix}:bandits                              sorted set of bandit keys (listing)
 *   {prefix}:{bandit:<key>}:def                   hash: json, version, rev (statistics revision)
 *   {prefix}:{bandit:<key>}:arm:<armId>           hash: n, s, q, t, g0.., m0..  (ArmStats fields)
 *   {prefix}:{bandit:<key>}:done:<markerId>       "1" with a TTL: this decision was rewarded
 *   {prefix}:{bandit:<key>}:log                   list: decision-log entries, capped
 *   {prefix}:{bandit:<key>}:sticky                stream: sticky assignments (u, a, p, m, n, s, x), trimmed
 *   {prefix}:{bandit-meta}:epoch|revision|...     the store's markers (see StoreGuard)
 *   {prefix}:{bandit-decision-key}:secret         base64 of the generated decision-signing secret
 * </pre>
 */
final class RedisKeys {
  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  String index() {
    return prefix + ":bandits";
  }

  /** The base of the store's marker keys ({@code StoreGuard}), in a slot of their own. */
  String meta() {
    return prefix + ":{bandit-meta}";
  }

  /**
   * The decision-signing secret replicas share when no keys file is configured; a slot of its own,
   * since no bandit's script touches it.
   */
  String decisionSecret() {
    return prefix + ":{bandit-decision-key}:secret";
  }

  private String bandit(String key) {
    return prefix + ":{bandit:" + key + "}:";
  }

  String definition(String key) {
    return bandit(key) + "def";
  }

  String arm(String key, String armId) {
    return bandit(key) + "arm:" + armId;
  }

  String marker(String key, String markerId) {
    return bandit(key) + "done:" + markerId;
  }

  String sticky(String key) {
    return bandit(key) + "sticky";
  }

  String log(String key) {
    return bandit(key) + "log";
  }
}
