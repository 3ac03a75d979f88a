package dev.assay.analysis.aggregates;

/**
 * The Lua scripts of {@link RedisLoopStore}. Each script's keys share one hash tag (one
 * experiment's {@code {exp:<key>}}, or {@code {outcomes}}), so it runs atomically on one cluster
 * node. Numbers cross the Lua boundary as text formatted with {@code %.17g}, which round-trips a
 * double exactly (Redis would otherwise print Lua numbers with 14 digits).
 */
final class LoopScripts {
  private LoopScripts() {}

  /**
   * First exposures of one experiment. KEYS units, agg, hours, hour hash, unexported. ARGV hour, n,
   * then per exposure: unit, variation, variation key, cohort code, time millis, weights text.
   * Returns per exposure 1 (first: counted, to export), 2 (counted before but not yet exported: to
   * export) or 0 (duplicate).
   */
  static final LuaScript RECORD_EXPOSURES =
      LuaScript.of(
          """
          local hour = ARGV[1]
          local n = tonumber(ARGV[2])
          local out = {}
          local touched = false
          for i = 0, n - 1 do
            local b = 3 + i * 6
            local unit, v, vk, c, ms, w = ARGV[b], ARGV[b+1], ARGV[b+2], ARGV[b+3], ARGV[b+4], ARGV[b+5]
            if redis.call('HSETNX', KEYS[1], unit, v .. ',' .. c .. ',' .. ms) == 1 then
              redis.call('SADD', KEYS[5], unit)
              for _, key in ipairs({KEYS[2], KEYS[4]}) do
                redis.call('HINCRBY', key, 'u|' .. c .. '|' .. v, 1)
                redis.call('HSET', key, 'k|' .. v, vk)
                local f = redis.call('HGET', key, 'f|' .. c)
                if (not f) or tonumber(ms) < tonumber(f) then redis.call('HSET', key, 'f|' .. c, ms) end
                if w ~= '' then redis.call('HINCRBY', key, 'e|' .. c .. '|' .. v .. '|' .. w, 1) end
              end
              touched = true
              out[#out + 1] = 1
            elseif redis.call('SISMEMBER', KEYS[5], unit) == 1 then
              out[#out + 1] = 2
            else
              out[#out + 1] = 0
            end
          end
          if touched then redis.call('ZADD', KEYS[3], hour, hour) end
          return out
          """);

  /**
   * Attributes outcome events to one experiment. KEYS units, agg, hours, hour hash, in-flight ids,
   * then one per-unit state hash per rule. ARGV hour, now, rule count, per rule 9 fields (metric,
   * kind code, window, lookback, cap, numerator kind, numerator cap, denominator kind, denominator
   * cap; -1 or {@code none} when absent), metric count, per metric its readings (count, then rule
   * index and part pairs), event count, per event (id, unit, metric index, value, time millis). An
   * event id already in flight for this experiment is skipped, so a retried batch applies once.
   * Returns the number of events attributed (to at least one metric).
   */
  static final LuaScript ATTRIBUTE_OUTCOMES =
      LuaScript.of(
          """
          local hour = ARGV[1]
          local now = ARGV[2]
          local p = 3
          local function nxt() local v = ARGV[p]; p = p + 1; return v end
          local function cap(t) if t == 'none' then return math.huge end return tonumber(t) end
          local rules = {}
          for r = 1, tonumber(nxt()) do
            -- one statement per argument: Lua leaves the order within an expression list open
            local rule = {}
            rule.key = nxt()
            rule.kind = nxt()
            rule.window = tonumber(nxt())
            rule.lookback = tonumber(nxt())
            rule.cap = cap(nxt())
            rule.nk = nxt()
            rule.ncap = cap(nxt())
            rule.dk = nxt()
            rule.dcap = cap(nxt())
            rules[r] = rule
          end
          local metrics = {}
          for m = 1, tonumber(nxt()) do
            local readings = {}
            for k = 1, tonumber(nxt()) do
              local index = tonumber(nxt())
              local part = tonumber(nxt())
              readings[k] = {index, part}
            end
            metrics[m] = readings
          end
          local function val(kind, s, c, cp)
            local r
            if kind == 'C' then r = (c > 0) and 1 or 0
            elseif kind == 'S' then r = s
            elseif kind == 'N' then r = c
            elseif c > 0 then r = s / c
            else r = 0 end
            if r > cp then r = cp end
            return r
          end
          local function contrib(rule, st)
            local y, d, x = 0, 0, 0
            if rule.kind == 'R' then
              y = val(rule.nk, st[1], st[2], rule.ncap)
              d = val(rule.dk, st[3], st[4], rule.dcap)
            else
              if rule.kind == 'M' and st[2] <= 0 then return {0, 0, 0, 0, 0, 0, 0, 0, 0} end
              y = val(rule.kind, st[1], st[2], rule.cap)
              if rule.lookback >= 0 then x = val(rule.kind, st[3], st[4], rule.cap) end
            end
            return {1, y, y * y, d, d * d, y * d, x, x * x, x * y}
          end
          local function f17(v) return string.format('%.17g', v) end
          local deltas = {}
          local order = {}
          local attributed = 0
          for e = 1, tonumber(nxt()) do
            local id = nxt()
            local unit = nxt()
            local mi = tonumber(nxt())
            local value = tonumber(nxt())
            local t = tonumber(nxt())
            if redis.call('HSETNX', KEYS[5], id, now) == 1 then
              local exposure = redis.call('HGET', KEYS[1], unit)
              if exposure then
                local v, c, ems = string.match(exposure, '^([^,]*),([^,]*),([^,]*)$')
                ems = tonumber(ems)
                local any = false
                for _, reading in ipairs(metrics[mi]) do
                  local rule = rules[reading[1]]
                  local pre = nil
                  if t >= ems then
                    if rule.window < 0 or t - ems <= rule.window then pre = false end
                  elseif rule.lookback >= 0 and ems - t <= rule.lookback then
                    pre = true
                  end
                  if pre ~= nil then
                    any = true
                    local skey = KEYS[5 + reading[1]]
                    local raw = redis.call('HGET', skey, unit)
                    local st = {0, 0, 0, 0}
                    if raw then
                      local a, b2, c2, d2 = string.match(raw, '^(%S+) (%S+) (%S+) (%S+)$')
                      st = {tonumber(a), tonumber(b2), tonumber(c2), tonumber(d2)}
                    end
                    local before = contrib(rule, st)
                    local off = 0
                    if reading[2] == 2 or pre then off = 2 end
                    st[off + 1] = st[off + 1] + value
                    st[off + 2] = st[off + 2] + 1
                    redis.call('HSET', skey, unit, f17(st[1]) .. ' ' .. f17(st[2]) .. ' ' .. f17(st[3]) .. ' ' .. f17(st[4]))
                    local after = contrib(rule, st)
                    local field = 's|' .. c .. '|' .. v .. '|' .. rule.key .. '|'
                    local sums = deltas[field]
                    if not sums then
                      sums = {0, 0, 0, 0, 0, 0, 0, 0, 0}
                      deltas[field] = sums
                      order[#order + 1] = {field, rule}
                    end
                    for i = 1, 9 do sums[i] = sums[i] + (after[i] - before[i]) end
                  end
                end
                if any then attributed = attributed + 1 end
              end
            end
          end
          for _, entry in ipairs(order) do
            local field, rule = entry[1], entry[2]
            local sums = deltas[field]
            for _, key in ipairs({KEYS[2], KEYS[4]}) do
              for i = 1, 9 do
                redis.call('HINCRBYFLOAT', key, field .. (i - 1), f17(sums[i]))
              end
              if rule.kind == 'M' then redis.call('HSET', key, 'mean|' .. rule.key, '1') end
            end
          end
          if #order > 0 then redis.call('ZADD', KEYS[3], hour, hour) end
          return attributed
          """);

  /**
   * Claims outcome ids for one request, in the {@code {outcomes}} slot. KEYS one id key per event.
   * ARGV the request's claim text ({@code p|token|lease end millis}), now millis, retention millis.
   * An id key holds {@code d} once recorded, or a claim while a request records it; a claim whose
   * lease ended (its request failed) may be taken over. Returns per id 1 (claimed: record it), 0
   * (recorded before, or earlier in this batch) or 2 (another request is recording it).
   */
  static final LuaScript CLAIM_OUTCOMES =
      LuaScript.of(
          """
          local out = {}
          local now = tonumber(ARGV[2])
          for i = 1, #KEYS do
            -- one call in the common case: sets the claim if the id is new, else returns its value
            local v = redis.call('SET', KEYS[i], ARGV[1], 'NX', 'GET', 'PX', ARGV[3])
            if not v then
              out[i] = 1
            elseif v == 'd' or v == ARGV[1] then
              out[i] = 0
            else
              local leaseEnd = tonumber(string.match(v, '|(%d+)$'))
              if leaseEnd and leaseEnd < now then
                redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[3])
                out[i] = 1
              else
                out[i] = 2
              end
            end
          end
          return out
          """);

  /**
   * Marks claimed outcome ids recorded and exports their events, in the {@code {outcomes}} slot.
   * KEYS stream, then one id key per event. ARGV the request's claim text, retention millis (the
   * claim's expiry is kept), stream max length, then per event (id, unit, metric, value, seconds,
   * nanos). Returns per event 1 (recorded now) or 0 (the claim was lost to another request, which
   * records it).
   */
  static final LuaScript MARK_OUTCOMES =
      LuaScript.of(
          """
          -- XADD below cannot fail half-way once the stream is known to be one (or absent)
          local kind = redis.call('TYPE', KEYS[1]).ok
          if kind ~= 'none' and kind ~= 'stream' then
            return redis.error_reply('WRONGTYPE the export stream key holds a ' .. kind)
          end
          local out = {}
          for i = 2, #KEYS do
            -- one call in the common case: mark recorded (keeping the claim's expiry), get the claim
            local old = redis.call('SET', KEYS[i], 'd', 'XX', 'GET', 'KEEPTTL')
            if old == ARGV[1] then
              local b = 4 + (i - 2) * 6
              redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'event_id', ARGV[b],
                'unit_id', ARGV[b+1], 'metric_key', ARGV[b+2], 'value', ARGV[b+3],
                'seconds', ARGV[b+4], 'nanos', ARGV[b+5])
              out[#out + 1] = 1
            else
              -- the claim was lost to another request: put its value back
              if old then redis.call('SET', KEYS[i], old, 'KEEPTTL') end
              out[#out + 1] = 0
            end
          end
          return out
          """);

  /** KEYS id keys. ARGV a claim text. Releases the ids this claim still holds. */
  static final LuaScript RELEASE_CLAIMS =
      LuaScript.of(
          """
          local released = 0
          for i = 1, #KEYS do
            if redis.call('GET', KEYS[i]) == ARGV[1] then
              redis.call('DEL', KEYS[i])
              released = released + 1
            end
          end
          return released
          """);
}
