package dev.assay.bandit.store;

/** The Lua scripts that make each store operation atomic on one bandit's keys. */
final class RedisScripts {
  private RedisScripts() {}

  /** KEYS[1] def. ARGV json, version. Returns 1 if created, 0 if the key exists. */
  static final LuaScript CREATE =
      LuaScript.of(
          """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', ARGV[2])
      return 1
      """);

  /**
   * KEYS[1] def. ARGV expected version, json, new version. Returns 1 ok, 0 version mismatch, -1
   * missing.
   */
  static final LuaScript UPDATE =
      LuaScript.of(
          """
      local v = redis.call('HGET', KEYS[1], 'version')
      if not v then return -1 end
      if tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
      redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', ARGV[3])
      return 1
      """);

  /** KEYS[1] def, KEYS[2..] arm hashes. Deletes the arms' statistics and bumps the revision. */
  static final LuaScript RESET =
      LuaScript.of(
          """
      if #KEYS > 1 then redis.call('DEL', unpack(KEYS, 2)) end
      redis.call('HINCRBY', KEYS[1], 'rev', 1)
      return 1
      """);

  /**
   * Applies a batch of rewards to one bandit. KEYS[1] def, KEYS[2] log, then per reward i its
   * marker KEYS[1 + 2i] and arm hash KEYS[2 + 2i]. ARGV: half-life ms, now ms, log cap, count, then
   * per reward: marker TTL ms, log entry ('' = none), field count, field/increment pairs. Returns
   * one 1 (applied) or 0 (marker existed: duplicate) per reward; -1 alone if the bandit is missing.
   * The definition's {@code rev} field grows when anything was applied, so replicas re-read only
   * bandits whose statistics changed. Claiming the markers and applying the increments happen in
   * one script, so a reward counts once. Increments of the claimed rewards are summed per arm
   * first, so an arm costs one HINCRBYFLOAT per field per batch and a reward costs one SET; with
   * discounting each arm is rescaled to "now" once (every reward of the batch shares that time, so
   * this equals decaying before each reward).
   */
  static final LuaScript APPLY_REWARDS =
      LuaScript.of(
          """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
      local half = tonumber(ARGV[1])
      local now = tonumber(ARGV[2])
      local cap = tonumber(ARGV[3])
      local count = tonumber(ARGV[4])
      local p = 5
      local out = {}
      local sums = {}
      local arms = {}
      local entries = {}
      for i = 1, count do
        local arm = KEYS[2 + 2 * i]
        local fields = tonumber(ARGV[p + 2])
        if redis.call('SET', KEYS[1 + 2 * i], '1', 'NX', 'PX', ARGV[p]) then
          local acc = sums[arm]
          if not acc then
            acc = {}
            sums[arm] = acc
            arms[#arms + 1] = arm
          end
          for j = 0, fields - 1 do
            local f = ARGV[p + 3 + 2 * j]
            acc[f] = (acc[f] or 0) + tonumber(ARGV[p + 4 + 2 * j])
          end
          if ARGV[p + 1] ~= '' then entries[#entries + 1] = ARGV[p + 1] end
          out[i] = 1
        else
          out[i] = 0
        end
        p = p + 3 + 2 * fields
      end
      for _, arm in ipairs(arms) do
        if half > 0 then
          local t = tonumber(redis.call('HGET', arm, 't') or '0')
          if t > 0 and now > t then
            local f = math.pow(0.5, (now - t) / half)
            local all = redis.call('HGETALL', arm)
            for j = 1, #all, 2 do
              if all[j] ~= 't' then
                redis.call('HSET', arm, all[j], string.format('%.17g', tonumber(all[j + 1]) * f))
              end
            end
          end
          redis.call('HSET', arm, 't', string.format('%d', math.max(now, t)))
        end
        for field, total in pairs(sums[arm]) do
          redis.call('HINCRBYFLOAT', arm, field, string.format('%.17g', total))
        end
      end
      if #arms > 0 then redis.call('HINCRBY', KEYS[1], 'rev', 1) end
      if #entries > 0 then
        redis.call('RPUSH', KEYS[2], unpack(entries))
        if cap > 0 then redis.call('LTRIM', KEYS[2], -cap, -1) end
      end
      return out
      """);

  /**
   * Writes a bandit back after the store lost it. KEYS[1] def, KEYS[2..] arm hashes. ARGV json,
   * version, rev, then per arm: field count, field/value pairs. Leaves a bandit stored at the same
   * or a newer version alone (returns 0); otherwise replaces its definition and arm statistics
   * (returns 1).
   */
  static final LuaScript RESTORE =
      LuaScript.of(
          """
      local v = redis.call('HGET', KEYS[1], 'version')
      if v and tonumber(v) >= tonumber(ARGV[2]) then return 0 end
      redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', ARGV[2], 'rev', ARGV[3])
      local p = 4
      for i = 2, #KEYS do
        redis.call('DEL', KEYS[i])
        local n = tonumber(ARGV[p])
        for j = 1, n do
          redis.call('HSET', KEYS[i], ARGV[p + 2 * j - 1], ARGV[p + 2 * j])
        end
        p = p + 1 + 2 * n
      end
      return 1
      """);
}
