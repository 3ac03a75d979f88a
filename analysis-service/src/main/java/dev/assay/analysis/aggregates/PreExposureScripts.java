package dev.assay.analysis.aggregates;

/**
 * The Lua scripts of {@link RedisPreExposureHistory}. A unit's history is one hash under its hash
 * tag, {@code {unit:<id>}:pre}: field metric → its events packed as little-endian double pairs
 * (time millis, value), 16 bytes each, oldest first. Each script touches only the keys it is given;
 * on a cluster the caller gives one unit's key per call.
 */
final class PreExposureScripts {
  private PreExposureScripts() {}

  /**
   * Appends newly recorded events. KEYS one history key per unit. ARGV the cap per metric, then per
   * key: m, then m times (metric, time millis, value, cutoff millis, retention millis). Each
   * metric's events stay sorted by time; events before the cutoff and beyond the cap (the oldest)
   * are dropped. The key expires after the longest retention given, counted from now (only
   * extended).
   */
  static final LuaScript APPEND =
      LuaScript.of(
          """
          local cap = tonumber(ARGV[1])
          local p = 2
          local function nxt() local v = ARGV[p]; p = p + 1; return v end
          local function time_at(raw, i) return (struct.unpack('<d', raw, (i - 1) * 16 + 1)) end
          for k = 1, #KEYS do
            local key = KEYS[k]
            local series = {}
            local order = {}
            local ttl = 0
            for e = 1, tonumber(nxt()) do
              local metric = nxt()
              local t = tonumber(nxt())
              local value = tonumber(nxt())
              local cutoff = tonumber(nxt())
              local retention = tonumber(nxt())
              if retention > ttl then ttl = retention end
              local raw = series[metric]
              if not raw then
                raw = redis.call('HGET', key, metric) or ''
                order[#order + 1] = metric
              end
              local n = #raw / 16
              local entry = struct.pack('<dd', t, value)
              -- events mostly arrive in time order: usually appended at the end
              local at = n
              while at > 0 and time_at(raw, at) > t do at = at - 1 end
              raw = string.sub(raw, 1, at * 16) .. entry .. string.sub(raw, at * 16 + 1)
              n = n + 1
              local drop = 0
              while drop < n and time_at(raw, drop + 1) < cutoff do drop = drop + 1 end
              if n - drop > cap then drop = n - cap end
              if drop > 0 then raw = string.sub(raw, drop * 16 + 1) end
              series[metric] = raw
            end
            for _, metric in ipairs(order) do
              if series[metric] == '' then
                redis.call('HDEL', key, metric)
              else
                redis.call('HSET', key, metric, series[metric])
              end
            end
            if ttl > 0 and redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
          end
          return #KEYS
          """);

  /**
   * Reads histories. KEYS one history key per unit. Returns per key a flat list of (metric, time
   * millis, value) triples, numbers as {@code %.17g} text (exact for doubles).
   */
  static final LuaScript READ =
      LuaScript.of(
          """
          local out = {}
          for k = 1, #KEYS do
            local flat = {}
            local all = redis.call('HGETALL', KEYS[k])
            for i = 1, #all, 2 do
              local metric, raw = all[i], all[i + 1]
              for at = 1, #raw - 15, 16 do
                local t, v = struct.unpack('<dd', raw, at)
                flat[#flat + 1] = metric
                flat[#flat + 1] = string.format('%.17g', t)
                flat[#flat + 1] = string.format('%.17g', v)
              end
            end
            out[k] = flat
          end
          return out
          """);
}
