package dev.assay.assignment.store;

/**
 * Lua scripts that make each write atomic together with its change announcement, so a replica never
 * sees an announced change that is not stored, and a rejected write changes nothing.
 */
final class RedisScripts {
  private RedisScripts() {}

  /** KEYS[1] definition; ARGV: bytes, version, channel, message. 1 created, 0 exists. */
  static final String CREATE =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'def', ARGV[1], 'version', ARGV[2])
      redis.call('PUBLISH', ARGV[3], ARGV[4])
      return 1
      """;

  /**
   * KEYS[1] definition; ARGV: bytes, version, channel, message, expected version. 1, -1 absent, -2
   * stale.
   */
  static final String REPLACE =
      """
      local stored = redis.call('HGET', KEYS[1], 'version')
      if not stored then return -1 end
      if stored ~= ARGV[5] then return -2 end
      redis.call('HSET', KEYS[1], 'def', ARGV[1], 'version', ARGV[2])
      redis.call('PUBLISH', ARGV[3], ARGV[4])
      return 1
      """;

  /**
   * KEYS[1] overrides hash; ARGV: channel, message, then unit/bytes pairs. Returns pairs written.
   */
  static final String PUT_OVERRIDES =
      """
      for i = 3, #ARGV, 2 do
        redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
      end
      redis.call('PUBLISH', ARGV[1], ARGV[2])
      return (#ARGV - 2) / 2
      """;

  /** KEYS[1] overrides hash; ARGV: unit, channel, message. 1 deleted, 0 absent. */
  static final String DELETE_OVERRIDE =
      """
      local removed = redis.call('HDEL', KEYS[1], ARGV[1])
      if removed == 1 then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
      return removed
      """;

  /**
   * KEYS[1] definition; ARGV: bytes, version, channel, message. Writes a definition back after a
   * loss unless the same or a newer version is stored. 1 written, 0 kept.
   */
  static final String RESTORE =
      """
      local stored = redis.call('HGET', KEYS[1], 'version')
      if stored and tonumber(stored) >= tonumber(ARGV[2]) then return 0 end
      redis.call('HSET', KEYS[1], 'def', ARGV[1], 'version', ARGV[2])
      redis.call('PUBLISH', ARGV[3], ARGV[4])
      return 1
      """;

  /**
   * KEYS[1] overrides hash; ARGV: channel, message, then unit/bytes pairs. Writes back the
   * overrides of units that have none stored (after a loss). Returns how many it wrote.
   */
  static final String RESTORE_OVERRIDES =
      """
      local written = 0
      for i = 3, #ARGV, 2 do
        written = written + redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
      end
      if written > 0 then redis.call('PUBLISH', ARGV[1], ARGV[2]) end
      return written
      """;
}
