package org.rmichat.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.Member;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.UserLeft;
import org.rmichat.server.core.ClientSession;
import org.rmichat.server.core.Delivery;
import org.rmichat.server.core.Envelope;
import org.rmichat.server.core.EventBus;
import org.rmichat.server.core.Presence;
import org.rmichat.server.core.Replay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster bus and presence on one Redis: every event is an entry of one stream, appended by a Lua script
 * and read by each server's broadcaster with a blocking {@code XREAD} from its last id.
 *
 * <p>Two connections, because they fail differently. Commands share one thread-safe connection that Lettuce
 * reconnects by itself; while Redis is away it holds them and replays them in order when Redis is back, so
 * held messages go out in order without code of ours. We bound what it holds ({@code maxHeld}); past that,
 * sends are refused. The blocking {@code XREAD} has its own connection with a timeout above the block time,
 * refusing commands while disconnected, so the reader learns of an outage at once and tells the users.
 *
 * <p>Appends are idempotent where a retry may repeat them: a client's line carries its instance and number,
 * and the script appends it only if the number is new for that instance, so a line that reached the stream
 * before its server died is not appended again when the client resends it elsewhere. Lettuce resends
 * commands whose replies a broken connection lost, which this also absorbs.
 */
public final class RedisEventBus implements EventBus, Presence {
    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);
    private static final long BLOCK_MILLIS = 1_000;
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(3);
    private static final long DEDUP_TTL_MILLIS = TimeUnit.DAYS.toMillis(1);
    /** What the stream may hand back: envelopes of api events, and the JDK types they are made of. */
    private static final ObjectInputFilter ENVELOPES = ObjectInputFilter.Config.createFilter(
            "maxdepth=10;maxrefs=256;maxbytes=1048576;org.rmichat.server.core.Envelope;org.rmichat.api.*;"
                    + "java.lang.String;java.lang.Enum;java.lang.Number;java.lang.Long;java.lang.Integer;"
                    + "java.util.ImmutableCollections$*;java.util.CollSer;!*");

    private final RedisConfig config;
    private final String prefix;
    private final String stream;
    private final String counter;
    private final String presence;
    private final String obituaries;
    private final String serverId;
    private final ClientResources resources;
    private final RedisClient commandClient;
    private final RedisClient readerClient;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisConnection<String, byte[]> reader;
    private final AtomicInteger held = new AtomicInteger();
    private final Object publishOrder = new Object();
    private final ArrayDeque<Delivery> readAhead = new ArrayDeque<>();   // only the taking thread
    private long serverSeq;             // guarded by publishOrder
    private String lastId;              // only the taking thread
    private volatile boolean available = true;
    private volatile HealthListener health = new HealthListener() {
        @Override
        public void unavailable() {
        }

        @Override
        public void back() {
        }
    };

    private RedisEventBus(RedisConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
        this.stream = prefix + "events";
        this.counter = prefix + "events:n";
        this.presence = prefix + "presence";
        this.obituaries = prefix + "obituaries";
        this.serverId = Long.toHexString(new SecureRandom().nextLong());
        RedisURI.Builder uri = RedisURI.Builder.redis(config.host(), config.port())
                .withTimeout(COMMAND_WAIT);
        config.password().ifPresent(p -> uri.withPassword(p.toCharArray()));
        RedisURI target = uri.build();
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        // Lettuce's default backoff grows to 30 s; a chat should notice a returned Redis within a few seconds
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.commandClient = RedisClient.create(resources, target);
        // hold commands while disconnected and never time them out: a held message must not be dropped
        commandClient.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .requestQueueSize(config.maxHeld() * 2)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .build());
        this.readerClient = RedisClient.create(resources, target);
        readerClient.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        StatefulRedisConnection<String, byte[]> c = null;
        StatefulRedisConnection<String, byte[]> r = null;
        try {
            c = commandClient.connect(codec);
            r = readerClient.connect(codec);
            r.setTimeout(Duration.ofMillis(BLOCK_MILLIS).plus(COMMAND_WAIT));
        } catch (RuntimeException e) {
            if (c != null) c.close();
            shutdown();
            throw e;
        }
        this.commands = c;
        this.reader = r;
    }

    /**
     * Connects to Redis; fails at once when it cannot be reached, so a misconfigured server does not start.
     * The stream is read from its current end.
     */
    public static RedisEventBus connect(RedisConfig config) {
        return connect(config, "rmichat:");
    }

    /** With a key prefix of its own, so tests can keep buses on one Redis apart. */
    public static RedisEventBus connect(RedisConfig config, String prefix) {
        RedisEventBus bus = new RedisEventBus(config, prefix);
        List<StreamMessage<String, byte[]>> last = bus.reader.sync().xrevrange(bus.stream, Range.unbounded(),
                Limit.from(1));
        bus.lastId = last.isEmpty() ? "0-0" : last.get(0).getId();
        return bus;
    }

    // ---- EventBus

    @Override
    public void publish(Envelope envelope) throws ChatException {
        synchronized (publishOrder) {   // numbers must reach Redis in the order they were drawn
            long seq = ++serverSeq;
            append(Scripts.PUBLISH_ONCE, keys(stream, counter, prefix + "pub:" + serverId),
                    bytes(config.maxLen()), serialize(envelope), bytes(seq), bytes(DEDUP_TTL_MILLIS));
        }
    }

    @Override
    public void publishSend(long clientSeq, Envelope envelope) throws ChatException {
        RedisFuture<Long> appended = append(Scripts.PUBLISH_ONCE,
                keys(stream, counter, prefix + "sent:" + Long.toHexString(envelope.origin())),
                bytes(config.maxLen()), serialize(envelope), bytes(clientSeq), bytes(DEDUP_TTL_MILLIS));
        // Acknowledge a line once it is in the stream, so a server that dies right after the reply cannot take
        // an acknowledged line with it. While Redis is away the line is held instead, and the reply says so
        // only by coming back at once.
        if (!available) return;
        try {
            appended.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Runs an appending script without waiting: while Redis is away Lettuce holds it, up to our bound. */
    private RedisFuture<Long> append(String script, String[] keys, byte[]... args) throws ChatUnavailableException {
        if (held.incrementAndGet() > config.maxHeld()) {
            held.decrementAndGet();
            throw new ChatUnavailableException("chat bus unavailable and too many messages held; try again shortly");
        }
        RedisFuture<Long> done = commands.async().eval(script, ScriptOutputType.INTEGER, keys, args);
        done.whenComplete((result, failure) -> {
            held.decrementAndGet();
            if (failure != null) log.warn("could not append to the chat bus: {}", failure.toString());
        });
        return done;
    }

    @Override
    public Delivery take() throws InterruptedException {
        while (readAhead.isEmpty()) {
            if (Thread.interrupted()) throw new InterruptedException();
            try {
                List<StreamMessage<String, byte[]>> batch = reader.sync().xread(
                        XReadArgs.Builder.block(BLOCK_MILLIS).count(1_000), XReadArgs.StreamOffset.from(stream, lastId));
                setAvailable(true);
                if (batch == null) continue;
                for (StreamMessage<String, byte[]> message : batch) {
                    lastId = message.getId();
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

    @Override
    public Delivery poll() {
        return readAhead.pollFirst();   // what the last read brought; asking Redis again would mean waiting
    }

    private void setAvailable(boolean now) {
        if (available == now) return;
        available = now;
        if (now) {
            health.back();
        } else {
            health.unavailable();
        }
    }

    @Override
    public Replay replay(String after, String upTo) {
        Position from;
        Position to;
        try {
            from = Position.parse(after);
            to = Position.parse(upTo);
        } catch (IllegalArgumentException e) {
            return Replay.NOTHING;   // a position from another bus (a server without Redis): nothing to resume
        }
        try {
            List<StreamMessage<String, byte[]>> range = reader.sync().xrange(stream,
                    Range.from(Range.Boundary.excluding(from.id()), Range.Boundary.including(to.id())));
            List<Delivery> deliveries = new ArrayList<>();
            for (StreamMessage<String, byte[]> message : range) toDelivery(message).ifPresent(deliveries::add);
            long firstN = deliveries.isEmpty() ? to.n() + 1 : Position.parse(deliveries.get(0).position()).n();
            return new Replay(Math.max(0, firstN - from.n() - 1), deliveries);
        } catch (RedisException e) {
            log.warn("could not replay the chat bus after {}: {}", after, e.toString());
            return Replay.NOTHING;
        }
    }

    @Override
    public void onHealthChange(HealthListener listener) {
        this.health = listener;
    }

    // ---- Presence

    @Override
    public Arrival claim(ClientSession session, Envelope joined, Envelope obituary) throws ChatException {
        if (!available) throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        Long result = await(commands.async().eval(Scripts.CLAIM, ScriptOutputType.INTEGER,
                keys(stream, counter, nameKey(session.name()), presence, obituaries),
                bytes(config.maxLen()), serialize(joined), bytes(owner(session)), bytes(config.lease().toMillis()),
                bytes(field(session.name())), bytes(presenceValue(session)), serialize(obituary),
                bytes(Long.toHexString(session.origin()))));
        if (result == 0) throw new NameTakenException("name \"" + session.name() + "\" is taken");
        return result == 1 ? Arrival.NEW : Arrival.RETURNING;
    }

    @Override
    public void release(ClientSession session, Envelope left) {
        try {
            append(Scripts.RELEASE, keys(stream, counter, nameKey(session.name()), presence, obituaries),
                    bytes(config.maxLen()), serialize(left), bytes(owner(session)), bytes(field(session.name())));
        } catch (ChatUnavailableException e) {
            log.warn("could not announce that {} left; the lease will", session.name());
        }
    }

    @Override
    public boolean renew(ClientSession session) {
        if (!available) return true;   // nothing to learn now; the lease outlives a short outage
        try {
            Long renewed = commands.sync().eval(Scripts.RENEW, ScriptOutputType.INTEGER,
                    keys(nameKey(session.name()), presence, obituaries), bytes(owner(session)),
                    bytes(config.lease().toMillis()), bytes(field(session.name())), bytes(presenceValue(session)),
                    serialize(Envelope.toEveryone(new UserLeft(session.userId(), session.name(),
                            UserLeft.Reason.TIMED_OUT))));
            return renewed == null || renewed != 0;
        } catch (RedisException e) {
            log.debug("could not renew {}: {}", session.name(), e.toString());
            return true;
        }
    }

    @Override
    public boolean namesAreLocal() {
        return false;
    }

    @Override
    public void sweep() {
        if (!available) return;
        try {
            Long gone = commands.sync().eval(Scripts.SWEEP, ScriptOutputType.INTEGER,
                    keys(stream, counter, presence, obituaries), bytes(config.maxLen()), bytes(prefix + "name:"));
            if (gone != null && gone > 0) log.info("announced {} users of a lost server as timed out", gone);
        } catch (RedisException e) {
            log.debug("could not sweep lapsed claims: {}", e.toString());
        }
    }

    @Override
    public Optional<List<Member>> members() {
        try {
            Map<String, byte[]> all = commands.sync().hgetall(presence);
            record Entry(long joinedMillis, Member member) {
            }
            List<Entry> entries = new ArrayList<>();
            for (byte[] value : all.values()) {
                String[] parts = new String(value, StandardCharsets.UTF_8).split("\\|", 5);
                if (parts.length < 5) continue;
                entries.add(new Entry(Long.parseLong(parts[2]), new Member(Long.parseLong(parts[1]), parts[4], 0)));
            }
            entries.sort(Comparator.comparingLong(Entry::joinedMillis));
            return Optional.of(entries.stream().map(Entry::member).toList());
        } catch (RedisException e) {
            log.debug("could not list presence: {}", e.toString());
            return Optional.empty();   // this server's own sessions are better than an error
        }
    }

    // ---- lifecycle

    @Override
    public void close() {
        reader.close();
        commands.close();
        shutdown();
    }

    private void shutdown() {
        commandClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        readerClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    // ---- encoding

    private Optional<Delivery> toDelivery(StreamMessage<String, byte[]> message) {
        Map<String, byte[]> body = message.getBody();
        byte[] n = body.get("n");
        byte[] e = body.get("e");
        if (n == null || e == null) {
            log.warn("skipping stream entry {}: not an rmichat event", message.getId());
            return Optional.empty();
        }
        try {
            String position = message.getId() + "#" + new String(n, StandardCharsets.UTF_8);
            return Optional.of(new Delivery(position, deserialize(e)));
        } catch (IOException | ClassNotFoundException | ClassCastException ex) {
            log.warn("skipping stream entry {}: {}", message.getId(), ex.toString());
            return Optional.empty();
        }
    }

    static byte[] serialize(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Envelope deserialize(byte[] data) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(ENVELOPES);
            return (Envelope) in.readObject();
        }
    }

    private static <T> T await(RedisFuture<T> future) throws ChatUnavailableException {
        try {
            return future.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(false);   // a held claim must not land after we said it failed
            log.warn("chat bus call failed: {}", e.toString());
            throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        }
    }

    private String nameKey(String name) {
        return prefix + "name:" + field(name);
    }

    private static String field(String name) {
        return org.rmichat.server.core.TextRules.nameKey(name);
    }

    private String owner(ClientSession session) {
        return serverId + "/" + Long.toHexString(session.origin());
    }

    private String presenceValue(ClientSession session) {
        return Long.toHexString(session.origin()) + "|" + session.userId() + "|" + System.currentTimeMillis() + "|"
                + serverId + "|" + session.name();
    }

    private static String[] keys(String... keys) {
        return keys;
    }

    private static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isAfter(String position, String other) {
        try {
            return Position.parse(position).n() > Position.parse(other).n();   // the counter is the stream order
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** A stream id and the counter stored with it: {@code <id>#<n>}. */
    private record Position(String id, long n) {
        static Position parse(String position) {
            int hash = position.indexOf('#');
            if (hash < 0) throw new IllegalArgumentException("not a stream position: " + position);
            // NumberFormatException is an IllegalArgumentException too
            return new Position(position.substring(0, hash), Long.parseLong(position.substring(hash + 1)));
        }
    }
}
