package org.rmichat.server.redis;

/**
 * The Lua scripts that make each check-and-append one atomic step in Redis. Every append to the stream goes
 * through one of them, so every entry carries {@code n}, the next value of one counter: a client resuming
 * after an entry that was trimmed away learns how many it missed.
 *
 * <p>Names are claimed in {@code <prefix>name:<lowercase name>}, holding {@code <server>/<instance>}, with a
 * lease. Beside the claim, the presence hash holds {@code instance|userId|joinedMillis|server|name} and the
 * obituary hash the serialized {@code UserLeft(TIMED_OUT)} to announce if the claim lapses, since an expired
 * key no longer says who held it.
 */
final class Scripts {
    private static final String APPEND = """
            local n = redis.call('INCR', KEYS[2])
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'n', n, 'e', ARGV[2])
            """;

    /** KEYS stream, counter, dedup; ARGV maxLen, envelope, seq, dedupTtlMillis. 1 appended, 0 a resend. */
    static final String PUBLISH_ONCE = """
            local last = tonumber(redis.call('GET', KEYS[3]) or '0')
            if tonumber(ARGV[3]) <= last then return 0 end
            redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
            """ + APPEND + "return 1";

    /**
     * KEYS stream, counter, name, presence, obituaries; ARGV maxLen, joined, owner, leaseMillis, field,
     * presenceValue, obituary, instance. 1 new (joined appended), 2 returning (quiet), 0 taken.
     */
    static final String CLAIM = """
            local function instanceOf(value) return value and string.match(value, '/(.*)$') end
            local cur = redis.call('GET', KEYS[3])
            if cur and instanceOf(cur) ~= ARGV[8] then return 0 end
            local returning = cur ~= false
            local old = redis.call('HGET', KEYS[4], ARGV[5])
            if not cur and old then
              if string.match(old, '^([^|]*)') == ARGV[8] then
                returning = true
              else
                -- the previous holder's lease lapsed and no sweep has announced it yet: announce it now
                local obituary = redis.call('HGET', KEYS[5], ARGV[5])
                if obituary then
                  local n = redis.call('INCR', KEYS[2])
                  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'n', n, 'e', obituary)
                end
              end
            end
            redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
            redis.call('HSET', KEYS[4], ARGV[5], ARGV[6])
            redis.call('HSET', KEYS[5], ARGV[5], ARGV[7])
            if returning then return 2 end
            """ + APPEND + "return 1";

    /**
     * KEYS name, presence, obituaries; ARGV owner, leaseMillis, field, presenceValue, obituary. 1 renewed,
     * 0 another server holds the name now.
     */
    static final String RENEW = """
            local cur = redis.call('GET', KEYS[1])
            if cur == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if cur then return 0 end
            -- Redis lost the claim (restarted without its data): take it back quietly
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[5])
            return 1
            """;

    /** KEYS stream, counter, name, presence, obituaries; ARGV maxLen, left, owner, field. 1 announced. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[3]) ~= ARGV[3] then return 0 end
            redis.call('DEL', KEYS[3])
            redis.call('HDEL', KEYS[4], ARGV[4])
            redis.call('HDEL', KEYS[5], ARGV[4])
            """ + APPEND + "return 1";

    /** KEYS stream, counter, presence, obituaries; ARGV maxLen, namePrefix. The number announced. */
    static final String SWEEP = """
            local gone = 0
            for _, field in ipairs(redis.call('HKEYS', KEYS[3])) do
              if redis.call('EXISTS', ARGV[2] .. field) == 0 then
                local obituary = redis.call('HGET', KEYS[4], field)
                redis.call('HDEL', KEYS[3], field)
                redis.call('HDEL', KEYS[4], field)
                if obituary then
                  local n = redis.call('INCR', KEYS[2])
                  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'n', n, 'e', obituary)
                  gone = gone + 1
                end
              end
            end
            return gone
            """;

    private Scripts() {
    }
}
