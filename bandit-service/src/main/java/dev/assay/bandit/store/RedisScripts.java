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

  /**
   * KEYS[1] def, KEYS[2..] arm hashes. Deletes the arms' statistics and bumps the revision; returns
   * 1, or -3 without writing anything if the stored revision is not an integer (corrupt).
   */
  static final LuaScript RESET =
      LuaScript.of(
          """
      local rev = redis.call('HGET', KEYS[1], 'rev')
      if rev and not string.match(rev, '^%-?%d+$') then return -3 end
      if #KEYS > 1 then redis.call('DEL', unpack(KEYS, 2)) end
      redis.call('HINCRBY', KEYS[1], 'rev', 1)
      return 1
      """);

  /**
   * Applies a batch of rewards to one bandit, all or nothing. KEYS[1] def, KEYS[2] log, then per
   * reward i its marker KEYS[1 + 2i] and arm hash KEYS[2 + 2i]. ARGV: half-life ms, now ms, log
   * cap, count, then per reward: marker TTL ms, log entry ('' = none), field count, field/increment
   * pairs. Returns one 1 (applied) or 0 (marker existed: duplicate) per reward; alone, -1 if the
   * bandit is missing, -2 if a resulting statistic would leave ±1e300 (so it could not be stored
   * and read back as a finite double), -3 if stored data is corrupt (a statistic that is not a
   * number, a revision that is not an integer, a log that is not a list).
   *
   * <p>Redis does not roll a script back when a command in it fails, so the script first reads
   * everything and computes every value it will write (markers, decayed and incremented arm
   * fields), checks them, and only then writes: a failure (a check, or an error raised by a read)
   * changes nothing, and a reward is never lost to a marker claimed by a failed script. The
   * definition's {@code rev} grows when anything was applied, so replicas re-read only bandits
   * whose statistics changed. Increments of the claimed rewards are summed per arm first, so an arm
   * costs one HINCRBYFLOAT per field per batch; with discounting each arm is rescaled to "now" once
   * (every reward of the batch shares that time, so this equals decaying before each reward).
   */
  static final LuaScript APPLY_REWARDS =
      LuaScript.of(
          """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
      local half = tonumber(ARGV[1])
      local now = tonumber(ARGV[2])
      local cap = tonumber(ARGV[3])
      local count = tonumber(ARGV[4])
      local limit = 1e300
      local function storable(x) return x == x and x <= limit and x >= -limit end
      local rev = redis.call('HGET', KEYS[1], 'rev')
      if rev and not string.match(rev, '^%-?%d+$') then return {-3} end
      local logType = redis.call('TYPE', KEYS[2])['ok']
      if logType ~= 'none' and logType ~= 'list' then return {-3} end
      -- 1. which rewards are new: nothing is written yet
      local p = 5
      local out = {}
      local claims = {}
      local claimed = {}
      local sums = {}
      local arms = {}
      local entries = {}
      for i = 1, count do
        local marker = KEYS[1 + 2 * i]
        local arm = KEYS[2 + 2 * i]
        local fields = tonumber(ARGV[p + 2])
        if claimed[marker] or redis.call('EXISTS', marker) == 1 then
          out[i] = 0
        else
          claimed[marker] = true
          claims[#claims + 1] = {marker, ARGV[p]}
          local acc = sums[arm]
          if not acc then
            acc = {}
            sums[arm] = acc
            arms[#arms + 1] = arm
          end
          for j = 0, fields - 1 do
            local f = ARGV[p + 3 + 2 * j]
            local inc = tonumber(ARGV[p + 4 + 2 * j])
            if not inc then return {-2} end
            acc[f] = (acc[f] or 0) + inc
          end
          if ARGV[p + 1] ~= '' then entries[#entries + 1] = ARGV[p + 1] end
          out[i] = 1
        end
        p = p + 3 + 2 * fields
      end
      -- 2. every value each arm will hold, checked before the first write
      local plans = {}
      for _, arm in ipairs(arms) do
        local all = redis.call('HGETALL', arm)
        local current = {}
        for j = 1, #all, 2 do
          local v = tonumber(all[j + 1])
          if not v or v ~= v or v == math.huge or v == -math.huge then return {-3} end
          current[all[j]] = v
        end
        local plan = {decayed = {}, t = nil}
        local t = current['t'] or 0
        local f = 1
        if half > 0 then
          if t > 0 and now > t then
            f = math.pow(0.5, (now - t) / half)
            for field, v in pairs(current) do
              if field ~= 't' then
                current[field] = v * f
                plan.decayed[#plan.decayed + 1] = field
              end
            end
          end
          plan.t = math.max(now, t)
        end
        for field, total in pairs(sums[arm]) do
          if not storable(total) or not storable((current[field] or 0) + total) then
            return {-2}
          end
        end
        for _, field in ipairs(plan.decayed) do
          if not storable(current[field]) then return {-2} end
        end
        plan.current = current
        plans[arm] = plan
      end
      -- 3. write
      for _, c in ipairs(claims) do
        redis.call('SET', c[1], '1', 'PX', c[2])
      end
      for _, arm in ipairs(arms) do
        local plan = plans[arm]
        for _, field in ipairs(plan.decayed) do
          redis.call('HSET', arm, field, string.format('%.17g', plan.current[field]))
        end
        if plan.t then redis.call('HSET', arm, 't', string.format('%d', plan.t)) end
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
