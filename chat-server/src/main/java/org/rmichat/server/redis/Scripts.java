package org.rmichat.server.redis;

/**
 * The Lua scripts that make each check-and-append one atomic step in Redis. Every append to the stream goes
 * through one of them, so every entry carries {@code n}, the next value of one counter (a client resuming
 * after an entry that was trimmed away learns how many it missed), and {@code h}, the id of the history the
 * counter counts in. Both live in one hash beside the stream; when Redis comes back without them (restarted
 * empty), the first append starts a new history with a new id, so no position from the old one is compared
 * with the new one's numbers.
 *
 * <p>Names are claimed in {@code <prefix>name:<lowercase name>}, holding {@code <server>/<clientId>}, with a
 * lease. Beside the claim, the presence hash holds {@code clientId|userId|joinedMillis|server|lastSentMillis|name} and the
 * obituary hash the serialized {@code UserLeft(TIMED_OUT)} to announce if the claim lapses, since an expired
 * key no longer says who held it. The away hash holds away texts by client id; every script that removes a
 * presence entry removes its client's away text in the same step, so no one lingers away after leaving.
 */
final class Scripts {
    /** Defines {@code append(stream, history, maxLen, envelope)}; every script that appends starts with it. */
    private static final String APPEND_FUNCTION = """
            local function append(stream, history, maxLen, envelope)
              local n = redis.call('HINCRBY', history, 'n', 1)
              local h = redis.call('HGET', history, 'h')
              if n == 1 or not h then
                local t = redis.call('TIME')
                h = string.format('%x%06x', tonumber(t[1]), tonumber(t[2]))
                redis.call('HSET', history, 'h', h)
              end
              redis.call('XADD', stream, 'MAXLEN', '~', maxLen, '*', 'n', n, 'h', h, 'e', envelope)
            end
            """;

    private static final String APPEND = """
            append(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
            """;

    /** KEYS stream, history, dedup; ARGV maxLen, envelope, seq, dedupTtlMillis. 1 appended, 0 a resend. */
    static final String PUBLISH_ONCE = APPEND_FUNCTION + """
            local last = tonumber(redis.call('GET', KEYS[3]) or '0')
            if tonumber(ARGV[3]) <= last then return 0 end
            redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
            """ + APPEND + "return 1";

    /** The client id in hex of a presence entry, its first field. */
    private static final String CLIENT_OF_ENTRY = """
            local function clientOfEntry(entry) return string.match(entry, '^([^|]*)') end
            """;

    /**
     * KEYS stream, history, name, presence, obituaries, away; ARGV maxLen, joined, holder, leaseMillis, field,
     * presenceValue, obituary, clientId. 1 new (joined appended), 2 returning (quiet), 0 taken.
     */
    static final String CLAIM = APPEND_FUNCTION + CLIENT_OF_ENTRY + """
            local function clientIdOf(value) return value and string.match(value, '/(.*)$') end
            local cur = redis.call('GET', KEYS[3])
            if cur and clientIdOf(cur) ~= ARGV[8] then return 0 end
            local returning = cur ~= false
            local old = redis.call('HGET', KEYS[4], ARGV[5])
            if not cur and old then
              if clientOfEntry(old) == ARGV[8] then
                returning = true
              else
                -- the previous holder's lease lapsed and no sweep has announced it yet: announce it now
                local obituary = redis.call('HGET', KEYS[5], ARGV[5])
                if obituary then append(KEYS[1], KEYS[2], ARGV[1], obituary) end
                redis.call('HDEL', KEYS[6], clientOfEntry(old))
              end
            end
            redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
            redis.call('HSET', KEYS[4], ARGV[5], ARGV[6])
            redis.call('HSET', KEYS[5], ARGV[5], ARGV[7])
            if returning then return 2 end
            """ + APPEND + "return 1";

    /**
     * Renews the claims of many sessions in one step. KEYS presence, obituaries; ARGV leaseMillis, namePrefix,
     * then per session holder, field, presenceValue, obituary. Returns per session 1 renewed (and its presence
     * value, with its idle time, brought up to date), 0 another server holds the name now. A claim Redis lost
     * (it restarted without its data) is taken back quietly.
     */
    static final String RENEW_ALL = """
            local out = {}
            for i = 3, #ARGV, 4 do
              local holder, field, value, obituary = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
              local key = ARGV[2] .. field
              local cur = redis.call('GET', key)
              if cur == holder then
                redis.call('PEXPIRE', key, ARGV[1])
                redis.call('HSET', KEYS[1], field, value)
                out[#out + 1] = 1
              elseif cur then
                out[#out + 1] = 0
              else
                redis.call('SET', key, holder, 'PX', ARGV[1])
                redis.call('HSET', KEYS[1], field, value)
                redis.call('HSET', KEYS[2], field, obituary)
                out[#out + 1] = 1
              end
            end
            return out
            """;

    /**
     * Moves a claim to a new name and announces it, as one step. KEYS stream, history, oldName, newName,
     * presence, obituaries; ARGV maxLen, renamed, holder, leaseMillis, oldField, newField, newPresenceValue,
     * newObituary. 1 renamed, 0 the new name is someone else's, -1 the old claim is not this holder's.
     */
    static final String RENAME = APPEND_FUNCTION + """
            if redis.call('GET', KEYS[3]) ~= ARGV[3] then return -1 end
            local cur = redis.call('GET', KEYS[4])
            if cur and cur ~= ARGV[3] then return 0 end
            redis.call('DEL', KEYS[3])
            redis.call('SET', KEYS[4], ARGV[3], 'PX', ARGV[4])
            redis.call('HDEL', KEYS[5], ARGV[5])
            redis.call('HDEL', KEYS[6], ARGV[5])
            redis.call('HSET', KEYS[5], ARGV[6], ARGV[7])
            redis.call('HSET', KEYS[6], ARGV[6], ARGV[8])
            append(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
            return 1
            """;

    /** KEYS stream, history, name, presence, obituaries, away; ARGV maxLen, left, holder, field. 1 announced. */
    static final String RELEASE = APPEND_FUNCTION + """
            if redis.call('GET', KEYS[3]) ~= ARGV[3] then return 0 end
            redis.call('DEL', KEYS[3])
            redis.call('HDEL', KEYS[4], ARGV[4])
            redis.call('HDEL', KEYS[5], ARGV[4])
            redis.call('HDEL', KEYS[6], string.match(ARGV[3], '/([^/]*)$'))
            """ + APPEND + "return 1";

    /** KEYS stream, history, presence, obituaries, away; ARGV maxLen, namePrefix. The number announced. */
    static final String SWEEP = APPEND_FUNCTION + CLIENT_OF_ENTRY + """
            local gone = 0
            for _, field in ipairs(redis.call('HKEYS', KEYS[3])) do
              if redis.call('EXISTS', ARGV[2] .. field) == 0 then
                local obituary = redis.call('HGET', KEYS[4], field)
                local entry = redis.call('HGET', KEYS[3], field)
                if entry then redis.call('HDEL', KEYS[5], clientOfEntry(entry)) end
                redis.call('HDEL', KEYS[3], field)
                redis.call('HDEL', KEYS[4], field)
                if obituary then
                  append(KEYS[1], KEYS[2], ARGV[1], obituary)
                  gone = gone + 1
                end
              end
            end
            return gone
            """;

    private Scripts() {
    }
}
