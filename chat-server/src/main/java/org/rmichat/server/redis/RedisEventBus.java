package org.rmichat.server.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.server.core.Delivery;
import org.rmichat.server.core.Envelope;
import org.rmichat.server.core.EnvelopeCodec;
import org.rmichat.server.core.EventBus;
import org.rmichat.server.core.HistoryPosition;
import org.rmichat.server.core.Replay;
import org.rmichat.server.core.TimedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster bus on one Redis: every event is an entry of one stream, appended by a Lua script and read by
 * each server's broadcaster with a blocking {@code XREAD} from its last id. Presence lives beside it in
 * {@link RedisPresence}; the connections in {@link RedisConnections}; {@link RedisCluster} puts them together.
 *
 * <p>Appends are idempotent where a retry may repeat them: a client's line carries its client id and number,
 * and the script appends it only if the number is new for that client, so a line that reached the stream
 * before its server died is not appended again when the client resends it elsewhere. Lettuce resends
 * commands whose replies a broken connection lost, which this also absorbs.
 */
public final class RedisEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);
    static final Duration BLOCK = Duration.ofSeconds(1);
    private static final long DEDUP_TTL_MILLIS = TimeUnit.DAYS.toMillis(1);
    /** Most stream entries one history read looks at: a room quiet among busy ones costs a bounded scan. */
    static final int MAX_HISTORY_SCAN = 20_000;

    private final RedisConfig config;
    private final RedisKeys keys;
    private final String serverId;
    private final StatefulRedisConnection<String, byte[]> reader;
    private final StatefulRedisConnection<String, byte[]> commands;   // not the reader: that one blocks in XREAD
    private final HeldAppends appends;
    private final AutoCloseable owned;   // what this bus opened itself and closes; nothing when a cluster owns it
    private final Object publishOrder = new Object();
    private final ArrayDeque<Delivery> readAhead = new ArrayDeque<>();   // only the taking thread
    private long serverSeq;             // guarded by publishOrder
    private volatile String lastId;     // written only by the taking thread; read for the lag metric
    private volatile String currentHistory;   // written by the taking thread: the history it reads in, or null
    private volatile boolean available = true;
    private final java.util.concurrent.atomic.AtomicLong outages = new java.util.concurrent.atomic.AtomicLong();
    private volatile HealthListener health = new HealthListener() {
        @Override
        public void unavailable() {
        }

        @Override
        public void back() {
        }
    };

    RedisEventBus(RedisConfig config, RedisKeys keys, String serverId, RedisConnections connections,
                  HeldAppends appends, AutoCloseable owned) {
        this.config = config;
        this.keys = keys;
        this.serverId = serverId;
        this.reader = connections.reader();
        this.commands = connections.commands();
        this.appends = appends;
        this.owned = owned;
        List<StreamMessage<String, byte[]>> last = reader.sync().xrevrange(keys.stream(), Range.unbounded(),
                Limit.from(1));
        this.lastId = last.isEmpty() ? "0-0" : last.get(0).getId();
        this.currentHistory = storedHistory();
    }

    /**
     * A bus alone, with connections of its own that {@link #close} closes; for tests of the bus. The stream is
     * read from its current end.
     */
    public static RedisEventBus connect(RedisConfig config, String prefix) {
        RedisConnections connections = RedisConnections.open(config, BLOCK);
        try {
            return new RedisEventBus(config, new RedisKeys(prefix), Long.toHexString(new SecureRandom().nextLong()),
                    connections, new HeldAppends(connections.commands(), config.maxHeld()), connections);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    /** Whether Redis answered the last read: presence refuses claims and skips renewals while it does not. */
    @Override
    public boolean isAvailable() {
        return available;
    }

    /** Milliseconds between the newest entry of the stream and the last one this server read (ids are times). */
    @Override
    public java.util.OptionalLong lagMillis() {
        String read = lastId;
        if ("0-0".equals(read)) return java.util.OptionalLong.empty();   // just reset: nothing read to compare
        try {
            List<StreamMessage<String, byte[]>> newest = commands.async()
                    .xrevrange(keys.stream(), Range.unbounded(), Limit.from(1)).get(1, TimeUnit.SECONDS);
            if (newest.isEmpty()) return java.util.OptionalLong.of(0);
            return java.util.OptionalLong.of(Math.max(0, millisOf(newest.get(0).getId()) - millisOf(read)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RuntimeException e) {
            return java.util.OptionalLong.empty();   // Redis away: the health check says so, the gauge is absent
        }
    }

    private static long millisOf(String streamId) {
        int dash = streamId.indexOf('-');
        return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
    }

    @Override
    public void publish(Envelope envelope) throws ChatException {
        synchronized (publishOrder) {   // numbers must reach Redis in the order they were drawn
            long seq = ++serverSeq;
            appends.append(Scripts.PUBLISH_ONCE, array(keys.stream(), keys.history(), keys.published(serverId)),
                    RedisPresence.bytes(config.maxLen()), EnvelopeCodec.encode(envelope), RedisPresence.bytes(seq),
                    RedisPresence.bytes(DEDUP_TTL_MILLIS));
        }
    }

    @Override
    public void publishSend(long clientSeq, Envelope envelope) throws ChatException {
        RedisFuture<Long> appended = appends.append(Scripts.PUBLISH_ONCE,
                array(keys.stream(), keys.history(), keys.sent(envelope.origin())),
                RedisPresence.bytes(config.maxLen()), EnvelopeCodec.encode(envelope), RedisPresence.bytes(clientSeq),
                RedisPresence.bytes(DEDUP_TTL_MILLIS));
        // Acknowledge a line once it is in the stream, so a server that dies right after the reply cannot take
        // an acknowledged line with it. While Redis is away the line is held instead, and the reply says so
        // only by coming back at once.
        if (!available) return;
        try {
            appended.get(RedisConnections.COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("line from {} held: Redis is slow or away", Long.toHexString(envelope.origin()));
        } catch (ExecutionException e) {
            // the client resends with the same number; the script accepts it once
            throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        }
    }

    @Override
    public Delivery take() throws InterruptedException {
        while (readAhead.isEmpty()) {
            if (Thread.interrupted()) throw new InterruptedException();
            try {
                List<StreamMessage<String, byte[]>> batch = reader.sync().xread(
                        XReadArgs.Builder.block(BLOCK.toMillis()).count(1_000),
                        XReadArgs.StreamOffset.from(keys.stream(), lastId));
                boolean wasAvailable = available;
                setAvailable(true);
                if (batch == null || batch.isEmpty() || !wasAvailable) checkForReset();
                if (batch == null) continue;
                for (StreamMessage<String, byte[]> message : batch) {
                    lastId = message.getId();
                    byte[] entryHistory = message.getBody().get("h");
                    if (entryHistory != null) readingIn(new String(entryHistory, StandardCharsets.UTF_8));
                    toDelivery(message).ifPresent(readAhead::add);
                }
            } catch (RedisCommandInterruptedException e) {
                throw new InterruptedException();
            } catch (RedisException e) {
                setAvailable(false);
                log.debug("chat bus read failed: {}", e.toString());
                TimeUnit.MILLISECONDS.sleep(200);   // the connection reconnects by itself; ask again soon
            }
        }
        return readAhead.removeFirst();
    }

    /**
     * Notices that Redis lost the stream (restarted empty) while nothing new was read: the history hash is
     * gone or names another history. Reads the new stream from its start: its ids say nothing of the old one.
     */
    private void checkForReset() {
        String stored = storedHistory();
        if (currentHistory == null || currentHistory.equals(stored)) return;
        readingIn(stored);
        lastId = "0-0";
    }

    /** The reader has moved on to {@code now}; a change from a known history is a reset, said once. */
    private void readingIn(String now) {
        String before = currentHistory;
        if (Objects.equals(before, now)) return;
        if (before != null) {
            log.warn("the chat bus on Redis was reset (Redis restarted empty?): history {} is gone, now {}; clients"
                    + " resuming from the old one are told lines may be missing", before, now == null ? "none yet" : now);
        }
        currentHistory = now;
    }

    /** The id of the history Redis holds now; null when it holds none (nothing appended since it started empty). */
    private String storedHistory() {
        byte[] id = reader.sync().hget(keys.history(), "h");
        return id == null ? null : new String(id, StandardCharsets.UTF_8);
    }

    /** How many times the bus has become unavailable since it connected. */
    long outages() {
        return outages.get();
    }

    @Override
    public Delivery poll() {
        return readAhead.pollFirst();   // what the last read brought; asking Redis again would mean waiting
    }

    @Override
    public boolean hasReady() {
        return !readAhead.isEmpty();
    }

    private void setAvailable(boolean now) {
        if (available == now) return;
        available = now;
        if (now) {
            health.back();
        } else {
            outages.incrementAndGet();
            health.unavailable();
        }
    }

    @Override
    public Replay replay(String after, String upTo) {
        Position from = Position.parse(after);
        Position to = Position.parse(upTo);
        if (from == null || to == null) return Replay.NOTHING;   // a position from another kind of bus
        boolean historyLost = !from.history().equals(to.history());
        try {
            // within one history ids grow with the counter; a new history's ids are later than the old one's
            List<StreamMessage<String, byte[]>> range = reader.sync().xrange(keys.stream(),
                    Range.from(Range.Boundary.excluding(from.id()), Range.Boundary.including(to.id())));
            List<Delivery> deliveries = new ArrayList<>();
            for (StreamMessage<String, byte[]> message : range) {
                toDelivery(message).filter(d -> Position.parse(d.position()).history().equals(to.history()))
                        .map(d -> new Delivery(d.position(), d.envelope(), Position.parse(d.position()).millis()))
                        .ifPresent(deliveries::add);
            }
            if (historyLost) return new Replay(0, deliveries, true);
            long firstN = deliveries.isEmpty() ? to.n() + 1 : Position.parse(deliveries.get(0).position()).n();
            return new Replay(Math.max(0, firstN - from.n() - 1), deliveries);
        } catch (RedisException e) {
            log.warn("could not replay the chat bus after {}: {}", after, e.toString());
            return Replay.NOTHING;
        }
    }

    /**
     * The stream read backwards ({@code XREVRANGE}) from {@code before}: all servers share this one history, and
     * it reaches back as far as {@code --redis-max-len} keeps entries. A line's time is its stream id's, Redis's
     * clock when it was appended.
     */
    @Override
    public List<TimedLine> history(String roomKey, boolean withPrivate, String before, long notBeforeMillis,
                                   int limit) {
        String history = currentHistory;
        Position from = before == null ? null : Position.parse(before);
        if (history == null || before != null && (from == null || !from.history().equals(history))) return List.of();
        List<TimedLine> lines = new ArrayList<>();
        Range.Boundary<String> upper = from == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(from.id());
        int scanned = 0;
        try {
            while (lines.size() < limit && scanned < MAX_HISTORY_SCAN) {
                int chunk = Math.min(MAX_HISTORY_SCAN - scanned, Math.max(100, 4 * (limit - lines.size())));
                List<StreamMessage<String, byte[]>> range = commands.sync().xrevrange(keys.stream(),
                        Range.from(Range.Boundary.unbounded(), upper), Limit.from(chunk));
                scanned += range.size();
                for (StreamMessage<String, byte[]> message : range) {
                    upper = Range.Boundary.excluding(message.getId());
                    Optional<Delivery> delivery = toDelivery(message);
                    if (delivery.isEmpty()) continue;
                    Position at = Position.parse(delivery.get().position());
                    if (at.millis() < notBeforeMillis || !at.history().equals(history)) return lines;
                    Envelope envelope = delivery.get().envelope();
                    if (!envelope.isKeptInHistory() || !envelope.isInHistoryOf(roomKey, withPrivate)) continue;
                    lines.add(new TimedLine(delivery.get().position(), at.millis(), envelope));
                    if (lines.size() == limit) return lines;
                }
                if (range.size() < chunk) break;   // the stream's oldest entry
            }
        } catch (RedisException e) {
            log.warn("could not read the chat bus's history: {}", e.toString());
        }
        return lines;
    }

    @Override
    public boolean belongs(String position) {
        Position parsed = Position.parse(position);
        return parsed != null && parsed.history().equals(currentHistory);
    }

    @Override
    public boolean isAfter(String position, String other) {
        Position a = Position.parse(position);
        Position b = Position.parse(other);
        if (a == null || b == null || !a.history().equals(b.history())) return true;
        // stream ids, not the counter: a Redis restored from an older snapshot counts again from there, but its
        // new entries still get later ids
        return a.millis() != b.millis() ? a.millis() > b.millis() : a.seq() > b.seq();
    }

    @Override
    public void onHealthChange(HealthListener listener) {
        this.health = listener;
    }

    @Override
    public void close() {
        if (owned == null) return;
        try {
            owned.close();
        } catch (Exception e) {
            log.warn("could not close the Redis connections: {}", e.toString());
        }
    }

    private Optional<Delivery> toDelivery(StreamMessage<String, byte[]> message) {
        Map<String, byte[]> body = message.getBody();
        byte[] n = body.get("n");
        byte[] h = body.get("h");
        byte[] e = body.get("e");
        if (n == null || h == null || e == null) {
            log.warn("skipping stream entry {}: not an rmichat event of this version", message.getId());
            return Optional.empty();
        }
        try {
            String entryHistory = new String(h, StandardCharsets.UTF_8);
            String position = new HistoryPosition(entryHistory, message.getId() + "#"
                    + new String(n, StandardCharsets.UTF_8)).toString();
            Optional<Envelope> envelope = EnvelopeCodec.decode(e);
            if (envelope.isEmpty()) log.warn("skipping stream entry {}: for an audience this server does not know"
                    + " (written by a newer server)", message.getId());
            return envelope.map(known -> new Delivery(position, known));
        } catch (IllegalArgumentException ex) {
            log.warn("skipping stream entry {}: {}", message.getId(), ex.getMessage());
            return Optional.empty();
        }
    }

    private static String[] array(String... keys) {
        return keys;
    }

    /** A stream entry's place in its history: {@code <history>/<millis>-<seq>#<n>}. */
    private record Position(String history, long millis, long seq, long n) {
        String id() {
            return millis + "-" + seq;
        }

        /** The position in {@code text}, or null when it is not one of a Redis bus. */
        static Position parse(String text) {
            HistoryPosition position = HistoryPosition.parse(text);
            if (position == null) return null;
            String place = position.place();
            int hash = place.indexOf('#');
            int dash = place.indexOf('-');
            if (hash < 0 || dash < 0 || dash > hash) return null;
            try {
                return new Position(position.history(), Long.parseLong(place.substring(0, dash)),
                        Long.parseLong(place.substring(dash + 1, hash)), Long.parseLong(place.substring(hash + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
