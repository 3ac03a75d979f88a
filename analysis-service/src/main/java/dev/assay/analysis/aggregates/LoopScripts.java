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
   * The Lua functions both scripts that change a unit's metric state share: a metric's per-unit
   * value from its (sum, count) under a kind code and cap, and the state's storage. A unit's state
   * is four doubles (s1, c1, s2, c2) packed little-endian: 32 bytes, or 16 when the last two are 0
   * (no ratio denominator, no CUPED pre-period), exact and several times cheaper than text in Lua;
   * text states of earlier versions still read.
   */
  private static final String UNIT_STATE =
      """
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
      local function unpack_state(raw)
        if not raw then return 0, 0, 0, 0 end
        if #raw == 16 then
          local s1, c1 = struct.unpack('<dd', raw)
          return s1, c1, 0, 0
        end
        if #raw == 32 then return struct.unpack('<dddd', raw) end
        local a, b, c, d = string.match(raw, '^(%S+) (%S+) (%S+) (%S+)$')
        return tonumber(a), tonumber(b), tonumber(c), tonumber(d)
      end
      local function pack_state(s1, c1, s2, c2)
        if s2 == 0 and c2 == 0 then return struct.pack('<dd', s1, c1) end
        return struct.pack('<dddd', s1, c1, s2, c2)
      end
      """;

  /**
   * First exposures of one experiment, folding each first-exposed unit's pre-exposure history into
   * its CUPED covariates. KEYS units, agg, hours, hour hash, unexported, then one per-unit state
   * hash per covariate rule. ARGV hour, n, rule count, per rule 3 fields (metric, kind code, cap or
   * {@code none}), then per exposure: unit, variation, variation key, cohort code, time millis,
   * weights text, k, then k pairs (rule index, value) of the unit's history events inside that
   * rule's pre-period (chosen by the caller). Only when HSETNX says the exposure is first are the
   * pairs added to the unit's state (its second pair of numbers, packed as UNIT_STATE packs it) and
   * the sums moved by the before/after change, so a retry or a duplicate folds nothing. Returns per
   * exposure 1 (first: counted, to export), 2 (counted before but not yet exported: to export) or 0
   * (duplicate).
   */
  static final LuaScript RECORD_EXPOSURES =
      LuaScript.of(
          UNIT_STATE
              + """
          local hour = ARGV[1]
          local n = tonumber(ARGV[2])
          local p = 3
          local function nxt() local v = ARGV[p]; p = p + 1; return v end
          local rules = {}
          for r = 1, tonumber(nxt()) do
            -- one statement per argument: Lua leaves the order within an expression list open
            local rule = {}
            rule.key = nxt()
            rule.kind = nxt()
            local cp = nxt()
            if cp == 'none' then rule.cap = math.huge else rule.cap = tonumber(cp) end
            rule.skey = KEYS[5 + r]
            rule.fields = {}
            rules[r] = rule
          end
          -- a unit's (counted, y, x) for a metric with a covariate (never a RATIO)
          local function contrib(rule, s1, c1, s2, c2)
            if rule.kind == 'M' and c1 <= 0 then return 0, 0, 0 end
            return 1, val(rule.kind, s1, c1, rule.cap), val(rule.kind, s2, c2, rule.cap)
          end
          local order = {}
          local out = {}
          local touched = false
          for i = 1, n do
            local unit = nxt()
            local v = nxt()
            local vk = nxt()
            local c = nxt()
            local ms = nxt()
            local w = nxt()
            local k = tonumber(nxt())
            if redis.call('HSETNX', KEYS[1], unit, v .. ',' .. c .. ',' .. ms) == 1 then
              redis.call('SADD', KEYS[5], unit)
              for _, key in ipairs({KEYS[2], KEYS[4]}) do
                redis.call('HINCRBY', key, 'u|' .. c .. '|' .. v, 1)
                redis.call('HSET', key, 'k|' .. v, vk)
                local f = redis.call('HGET', key, 'f|' .. c)
                if (not f) or tonumber(ms) < tonumber(f) then redis.call('HSET', key, 'f|' .. c, ms) end
                if w ~= '' then redis.call('HINCRBY', key, 'e|' .. c .. '|' .. v .. '|' .. w, 1) end
              end
              local pre = {}
              for j = 1, k do
                local r = tonumber(nxt())
                local value = tonumber(nxt())
                local acc = pre[r]
                if not acc then acc = {0, 0}; pre[r] = acc end
                acc[1] = acc[1] + value
                acc[2] = acc[2] + 1
              end
              for r = 1, #rules do
                local acc = pre[r]
                if acc then
                  local rule = rules[r]
                  local s1, c1, s2, c2 = unpack_state(redis.call('HGET', rule.skey, unit))
                  local n0, y0, x0 = contrib(rule, s1, c1, s2, c2)
                  s2 = s2 + acc[1]
                  c2 = c2 + acc[2]
                  redis.call('HSET', rule.skey, unit, pack_state(s1, c1, s2, c2))
                  local n1, y1, x1 = contrib(rule, s1, c1, s2, c2)
                  local cv = v .. ',' .. c
                  local sums = rule.fields[cv]
                  if not sums then
                    sums = {0, 0, 0, 0, 0, 0, 0, 0, 0}
                    rule.fields[cv] = sums
                    order[#order + 1] = {rule, v, c}
                  end
                  sums[1] = sums[1] + (n1 - n0)
                  sums[2] = sums[2] + (y1 - y0)
                  sums[3] = sums[3] + (y1 * y1 - y0 * y0)
                  sums[7] = sums[7] + (x1 - x0)
                  sums[8] = sums[8] + (x1 * x1 - x0 * x0)
                  sums[9] = sums[9] + (x1 * y1 - x0 * y0)
                end
              end
              touched = true
              out[#out + 1] = 1
            else
              p = p + 2 * k
              if redis.call('SISMEMBER', KEYS[5], unit) == 1 then
                out[#out + 1] = 2
              else
                out[#out + 1] = 0
              end
            end
          end
          for _, entry in ipairs(order) do
            local rule, v, c = entry[1], entry[2], entry[3]
            local sums = rule.fields[v .. ',' .. c]
            local field = 's|' .. c .. '|' .. v .. '|' .. rule.key .. '|'
            for _, key in ipairs({KEYS[2], KEYS[4]}) do
              for i = 1, 9 do
                redis.call('HINCRBYFLOAT', key, field .. (i - 1), string.format('%.17g', sums[i]))
              end
              if rule.kind == 'M' then redis.call('HSET', key, 'mean|' .. rule.key, '1') end
            end
          end
          if touched then redis.call('ZADD', KEYS[3], hour, hour) end
          return out
          """);

  /**
   * Attributes one claimed chunk's outcome events to one experiment. KEYS units, agg, hours, hour
   * hash, attributed chunks, then one per-unit state hash per rule. ARGV hour, this chunk's owner
   * ({@code TOKEN:CHUNK}), rule count, per rule 9 fields (metric, kind code, window, lookback, cap,
   * numerator kind, numerator cap, denominator kind, denominator cap; -1 or {@code none} when
   * absent), metric count, per metric its readings (count, then rule index and part pairs), event
   * count, per event (earlier owners, unit, metric index, value, time millis). An event whose id
   * was taken over from a request that had already attributed its chunk here (its owner is in the
   * attributed-chunks hash) is skipped, so a retried batch applies once; the chunk is then recorded
   * as attributed, one write per chunk instead of one per event. Returns the number of events
   * attributed (to at least one metric).
   */
  static final LuaScript ATTRIBUTE_OUTCOMES =
      LuaScript.of(
          UNIT_STATE
              + """
          local hour = ARGV[1]
          local owner = ARGV[2]
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
            rule.skey = KEYS[5 + r]
            rule.fields = {}
            rules[r] = rule
          end
          local metrics = {}
          for m = 1, tonumber(nxt()) do
            local readings = {}
            for k = 1, tonumber(nxt()) do
              local index = tonumber(nxt())
              local part = tonumber(nxt())
              readings[k] = {rules[index], part}
            end
            metrics[m] = readings
          end
          -- a unit's (counted, y, d, x): whether it counts, its value, denominator and covariate
          local function contrib(rule, s1, c1, s2, c2)
            if rule.kind == 'R' then
              return 1, val(rule.nk, s1, c1, rule.ncap), val(rule.dk, s2, c2, rule.dcap), 0
            end
            if rule.kind == 'M' and c1 <= 0 then return 0, 0, 0, 0 end
            local x = 0
            if rule.lookback >= 0 then x = val(rule.kind, s2, c2, rule.cap) end
            return 1, val(rule.kind, s1, c1, rule.cap), 0, x
          end
          local order = {}
          local attributed = 0
          local done = {}
          -- whether a request that held the id before (space-separated owners) attributed it here
          local function attributed_before(earlier)
            for o in string.gmatch(earlier, '%S+') do
              if done[o] == nil then done[o] = redis.call('HEXISTS', KEYS[5], o) == 1 end
              if done[o] then return true end
            end
            return false
          end
          for e = 1, tonumber(nxt()) do
            local earlier = nxt()
            local unit = nxt()
            local mi = tonumber(nxt())
            local value = tonumber(nxt())
            local t = tonumber(nxt())
            if earlier == '' or not attributed_before(earlier) then
              local exposure = redis.call('HGET', KEYS[1], unit)
              if exposure then
                local cv = string.match(exposure, '^([^,]*,[^,]*),')
                local ems = tonumber(string.match(exposure, ',([^,]*)$'))
                local any = false
                for _, reading in ipairs(metrics[mi]) do
                  local rule = reading[1]
                  local pre = nil
                  if t >= ems then
                    if rule.window < 0 or t - ems <= rule.window then pre = false end
                  elseif rule.lookback >= 0 and ems - t <= rule.lookback then
                    pre = true
                  end
                  if pre ~= nil then
                    any = true
                    local s1, c1, s2, c2 = unpack_state(redis.call('HGET', rule.skey, unit))
                    local n0, y0, d0, x0 = contrib(rule, s1, c1, s2, c2)
                    if reading[2] == 2 or pre then
                      s2 = s2 + value
                      c2 = c2 + 1
                    else
                      s1 = s1 + value
                      c1 = c1 + 1
                    end
                    redis.call('HSET', rule.skey, unit, pack_state(s1, c1, s2, c2))
                    local n1, y1, d1, x1 = contrib(rule, s1, c1, s2, c2)
                    local sums = rule.fields[cv]
                    if not sums then
                      sums = {0, 0, 0, 0, 0, 0, 0, 0, 0}
                      rule.fields[cv] = sums
                      order[#order + 1] = {rule, cv}
                    end
                    sums[1] = sums[1] + (n1 - n0)
                    sums[2] = sums[2] + (y1 - y0)
                    sums[3] = sums[3] + (y1 * y1 - y0 * y0)
                    sums[4] = sums[4] + (d1 - d0)
                    sums[5] = sums[5] + (d1 * d1 - d0 * d0)
                    sums[6] = sums[6] + (y1 * d1 - y0 * d0)
                    sums[7] = sums[7] + (x1 - x0)
                    sums[8] = sums[8] + (x1 * x1 - x0 * x0)
                    sums[9] = sums[9] + (x1 * y1 - x0 * y0)
                  end
                end
                if any then attributed = attributed + 1 end
              end
            end
          end
          for _, entry in ipairs(order) do
            local rule, cv = entry[1], entry[2]
            local sums = rule.fields[cv]
            -- the variation and cohort as the field names order them: cohort first
            local v, c = string.match(cv, '^([^,]*),([^,]*)$')
            local field = 's|' .. c .. '|' .. v .. '|' .. rule.key .. '|'
            for _, key in ipairs({KEYS[2], KEYS[4]}) do
              for i = 1, 9 do
                redis.call('HINCRBYFLOAT', key, field .. (i - 1), string.format('%.17g', sums[i]))
              end
              if rule.kind == 'M' then redis.call('HSET', key, 'mean|' .. rule.key, '1') end
            end
          end
          if #order > 0 then redis.call('ZADD', KEYS[3], hour, hour) end
          redis.call('HSET', KEYS[5], owner, '1')
          return attributed
          """);

  /**
   * Each unit's experiments, on a single Redis only (its keys have different hash tags). KEYS one
   * unit index per unit. Returns per unit its experiment keys joined by newlines (experiment keys
   * hold no newline). One script call costs the single node far less than a command per unit.
   */
  static final LuaScript UNIT_EXPERIMENTS =
      LuaScript.of(
          """
          local out = {}
          for i = 1, #KEYS do
            out[i] = table.concat(redis.call('SMEMBERS', KEYS[i]), '\\n')
          end
          return out
          """);

  /**
   * The request-status part shared by {@link #CLAIM_OUTCOMES}: what an id claimed by another
   * request means now. An id key holds {@code TOKEN:CHUNK}, followed by the owners before it when
   * it was taken over (space-separated); the request key {@code <ARGV[1]>TOKEN} is a hash with
   * {@code lease} (its end, Redis clock millis, while the request may still write) and one field
   * per chunk it marked recorded. Request keys share the {@code {outcomes}} hash tag, so reading
   * another request's key stays in this slot. Values written by earlier versions ({@code d}, {@code
   * p|id|lease end}) still read as recorded and as a claim.
   */
  private static final String CLAIM_STATUS =
      """
      local function redis_now()
        local t = redis.call('TIME')
        return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      end
      local statuses = {}
      -- 0 recorded, 1 free to take over (its request failed or was released), 2 being recorded
      local function status_of(v, now)
        if v == 'd' then return 0 end
        local oldLease = string.match(v, '^p|.*|(%d+)$')
        if oldLease then return (tonumber(oldLease) < now) and 1 or 2 end
        local cached = statuses[v]
        if cached then return cached end
        local token, chunk = string.match(v, '^(.*):(%d+)$')
        local s = 1
        if token then
          local key = ARGV[1] .. token
          if redis.call('HGET', key, chunk) then
            s = 0
          else
            local lease = tonumber(redis.call('HGET', key, 'lease'))
            if lease and lease >= now then s = 2 end
          end
        end
        statuses[v] = s
        return s
      end
      """;

  /**
   * Claims one chunk of a request's outcome ids, in the {@code {outcomes}} slot. KEYS the request
   * key, then one id key per event. ARGV the request key prefix, the request token, the chunk
   * index, the lease millis, the retention millis. Starts (or extends) the request's lease by
   * Redis's clock, so every replica judges leases by one clock. Returns per id 1 (claimed: record
   * it), 0 (recorded before, or earlier in this request), 2 (another request is recording it) or,
   * when it took the id over from requests that failed, their owners as text after a space.
   */
  static final LuaScript CLAIM_OUTCOMES =
      LuaScript.of(
          CLAIM_STATUS
              + """
              local now = redis_now()
              local mine = ARGV[2] .. ':' .. ARGV[3]
              redis.call('HSET', KEYS[1], 'lease', now + tonumber(ARGV[4]))
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              local out = {}
              for i = 2, #KEYS do
                -- one call in the common case (a new id)
                if redis.call('SET', KEYS[i], mine, 'NX', 'PX', ARGV[5]) then
                  out[#out + 1] = 1
                else
                  local v = redis.call('GET', KEYS[i])
                  if string.sub(v, 1, #ARGV[2] + 1) == ARGV[2] .. ':' then
                    out[#out + 1] = 0
                  else
                    local s = status_of(string.match(v, '^%S*'), now)
                    if s == 1 then
                      -- taken over: the earlier owners stay behind ours, for attribution to skip
                      -- what they attributed (claims of versions before 0.1 are not chained)
                      local earlier = v
                      if string.sub(v, 1, 2) == 'p|' then earlier = '' end
                      redis.call('SET', KEYS[i], mine .. ' ' .. earlier, 'PX', ARGV[5])
                      out[#out + 1] = ' ' .. earlier
                    else
                      out[#out + 1] = s
                    end
                  end
                end
              end
              return out
              """);

  /**
   * Marks one chunk of a request recorded and exports its claimed events, in the {@code {outcomes}}
   * slot, only while the request's lease runs (by Redis's clock): past it another request may have
   * taken the ids over. KEYS the request key, the stream. ARGV the chunk index, the stream max
   * length, then per event (id, unit, metric, value, seconds, nanos). Returns 1 (marked and
   * exported) or 0 (the lease ended: nothing written).
   */
  static final LuaScript MARK_OUTCOMES =
      LuaScript.of(
          """
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local lease = tonumber(redis.call('HGET', KEYS[1], 'lease'))
          if (not lease) or lease < now then return 0 end
          -- XADD below cannot fail half-way once the stream is known to be one (or absent)
          local kind = redis.call('TYPE', KEYS[2]).ok
          if kind ~= 'none' and kind ~= 'stream' then
            return redis.error_reply('WRONGTYPE the export stream key holds a ' .. kind)
          end
          for b = 3, #ARGV, 6 do
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'event_id', ARGV[b],
              'unit_id', ARGV[b+1], 'metric_key', ARGV[b+2], 'value', ARGV[b+3],
              'seconds', ARGV[b+4], 'nanos', ARGV[b+5])
          end
          redis.call('HSET', KEYS[1], ARGV[1], '1')
          return 1
          """);
}
