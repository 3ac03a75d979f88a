package dev.assay.bandit.store;

/** The Lua scripts that make each store operation atomic on one bandit's keys. */
final class RedisScripts {
  private RedisScripts() {}

  /** KEYS[1] def. ARGV json, version. Returns 1 if created, 0 if the key exists. */
  static final LuaScript CREATE = LuaScript.of("""
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', ARGV[2])
      return 1
      """);

  /** KEYS[1] def. ARGV expected version, json, new version. Returns 1 ok, 0 version mismatch, -1 missing. */
  static final LuaScript UPDATE = LuaScript.of("""
      local v = redis.call('HGET', KEYS[1], 'version')
      if not v then return -1 end
      if tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
      redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', ARGV[3])
      return 1
      """);

  /**
   * Applies a batch of rewards to one bandit. KEYS[1] def, KEYS[2] log, then per reward i its marker
   * KEYS[1 + 2i] and arm hash KEYS[2 + 2i]. ARGV: half-life ms, now ms, log cap, count, then per
   * reward: marker TTL ms, log entry ('' = none), field count, field/increment pairs. Returns one
   * 1 (applied) or 0 (marker existed: duplicate) per reward; -1 alone if the bandit is missing.
   * Claiming the marker and applying the increments happen in one script, so a reward counts once.
   */
  static final LuaScript APPLY_REWARDS = LuaScript.of("""
      if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
      local half = tonumber(ARGV[1])
      local now = tonumber(ARGV[2])
      local cap = tonumber(ARGV[3])
      local count = tonumber(ARGV[4])
      local p = 5
      local out = {}
      local logged = false
      for i = 1, count do
        local marker = KEYS[1 + 2 * i]
        local arm = KEYS[2 + 2 * i]
        local ttl = ARGV[p]
        local entry = ARGV[p + 1]
        local fields = tonumber(ARGV[p + 2])
        p = p + 3
        if redis.call('SET', marker, '1', 'NX', 'PX', ttl) then
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
          for j = 0, fields - 1 do
            redis.call('HINCRBYFLOAT', arm, ARGV[p + 2 * j], ARGV[p + 2 * j + 1])
          end
          if entry ~= '' then
            redis.call('RPUSH', KEYS[2], entry)
            logged = true
          end
          out[i] = 1
        else
          out[i] = 0
        end
        p = p + 2 * fields
      end
      if logged and cap > 0 then redis.call('LTRIM', KEYS[2], -cap, -1) end
      return out
      """);
}
