package org.rmichat.server.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.UserLeft;
import org.rmichat.server.core.Envelope;
import org.rmichat.server.core.EnvelopeCodec;
import org.rmichat.server.core.Presence;
import org.rmichat.server.core.PresenceClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in the chat on every server, on Redis: names claimed with a lease ({@code name:<name>} holding
 * {@code <server>/<client id>}), a {@link PresenceEntry} per name, and the obituary to announce if a claim
 * lapses because its server died. Each check-and-announce is one Lua script ({@link Scripts}), so each joined
 * and left line is announced once in the cluster.
 */
final class RedisPresence implements Presence {
    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
    /** Sessions renewed per script: enough for one round trip per tick, small enough not to stall Redis. */
    static final int RENEWALS_PER_SCRIPT = 500;

    private final RedisConfig config;
    private final RedisKeys keys;
    private final String serverId;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final HeldAppends appends;
    private final BooleanSupplier available;
    private final LongSupplier outages;
    private long outagesSeen;          // only the reaper thread
    private long sweepNotBeforeNanos;  // only the reaper thread

    RedisPresence(RedisConfig config, RedisKeys keys, String serverId, StatefulRedisConnection<String, byte[]> commands,
                  HeldAppends appends, BooleanSupplier available, LongSupplier outages) {
        this.config = config;
        this.keys = keys;
        this.serverId = serverId;
        this.commands = commands;
        this.appends = appends;
        this.available = available;
        this.outages = outages;
    }

    @Override
    public Arrival claim(PresenceClaim claim, Envelope joined, Envelope obituary) throws ChatException {
        if (!available.getAsBoolean()) throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        Long result = await(commands.async().eval(Scripts.CLAIM, ScriptOutputType.INTEGER,
                array(keys.stream(), keys.history(), keys.name(claim.name()), keys.presence(), keys.obituaries(),
                        keys.away()),
                bytes(config.maxLen()), EnvelopeCodec.encode(joined), bytes(holder(claim)),
                bytes(config.lease().toMillis()), bytes(RedisKeys.field(claim.name())), entry(claim).toBytes(),
                EnvelopeCodec.encode(obituary), bytes(Long.toHexString(claim.clientId()))));
        if (result == 0) throw new NameTakenException("name \"" + claim.name() + "\" is taken");
        return result == 1 ? Arrival.NEW : Arrival.RETURNING;
    }

    @Override
    public void release(PresenceClaim claim, Envelope left) {
        try {
            appends.append(Scripts.RELEASE,
                    array(keys.stream(), keys.history(), keys.name(claim.name()), keys.presence(), keys.obituaries(),
                            keys.away()),
                    bytes(config.maxLen()), EnvelopeCodec.encode(left), bytes(holder(claim)),
                    bytes(RedisKeys.field(claim.name())));
        } catch (ChatUnavailableException e) {
            log.warn("could not announce that {} left; the lease will", claim.name());
        }
    }

    /**
     * All claims in scripts of {@link #RENEWALS_PER_SCRIPT}, sent together and awaited together: one round trip
     * for the lot.
     */
    @Override
    public Set<Long> renew(Collection<PresenceClaim> claims) {
        if (!available.getAsBoolean() || claims.isEmpty()) return Set.of();   // the lease outlives a short outage
        List<PresenceClaim> all = List.copyOf(claims);
        List<RedisFuture<List<Long>>> replies = new ArrayList<>();
        for (int from = 0; from < all.size(); from += RENEWALS_PER_SCRIPT) {
            List<PresenceClaim> chunk = all.subList(from, Math.min(all.size(), from + RENEWALS_PER_SCRIPT));
            List<byte[]> args = new ArrayList<>(2 + 4 * chunk.size());
            args.add(bytes(config.lease().toMillis()));
            args.add(bytes(keys.namePrefix()));
            for (PresenceClaim claim : chunk) {
                args.add(bytes(holder(claim)));
                args.add(bytes(RedisKeys.field(claim.name())));
                args.add(entry(claim).toBytes());
                args.add(EnvelopeCodec.encode(Envelope.toEveryone(new UserLeft(claim.userId(), claim.name(),
                        UserLeft.Reason.TIMED_OUT))));
            }
            replies.add(commands.async().eval(Scripts.RENEW_ALL, ScriptOutputType.MULTI,
                    array(keys.presence(), keys.obituaries()), args.toArray(byte[][]::new)));
        }
        Set<Long> takenOver = new HashSet<>();
        for (int chunk = 0; chunk < replies.size(); chunk++) {
            try {
                List<Long> renewed = replies.get(chunk).get(RedisConnections.COMMAND_WAIT.toMillis(),
                        TimeUnit.MILLISECONDS);
                for (int i = 0; i < renewed.size(); i++) {
                    if (renewed.get(i) == 0) takenOver.add(all.get(chunk * RENEWALS_PER_SCRIPT + i).clientId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException | RedisException e) {
                log.debug("could not renew leases: {}", e.toString());   // the next tick tries again
            }
        }
        return takenOver;
    }

    @Override
    public void rename(PresenceClaim claim, String newName, Envelope renamed, Envelope newObituary)
            throws ChatException {
        if (!available.getAsBoolean()) throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        PresenceClaim after = new PresenceClaim(claim.clientId(), claim.userId(), newName, claim.joinedAtMillis(),
                claim.lastSentMillis(), claim.rooms());
        Long result = await(commands.async().eval(Scripts.RENAME, ScriptOutputType.INTEGER,
                array(keys.stream(), keys.history(), keys.name(claim.name()), keys.name(newName), keys.presence(),
                        keys.obituaries()),
                bytes(config.maxLen()), EnvelopeCodec.encode(renamed), bytes(holder(claim)),
                bytes(config.lease().toMillis()), bytes(RedisKeys.field(claim.name())),
                bytes(RedisKeys.field(newName)), entry(after).toBytes(), EnvelopeCodec.encode(newObituary)));
        if (result == 0) throw new NameTakenException("name \"" + newName + "\" is taken");
        if (result < 0) throw new ChatUnavailableException("your name's claim lapsed; try again shortly");
    }

    /** Writes the entry now rather than at the next renewal, so /list and /who on every server see the change. */
    @Override
    public void roomsChanged(PresenceClaim claim) {
        try {
            commands.async().hset(keys.presence(), RedisKeys.field(claim.name()), entry(claim).toBytes());
        } catch (RedisException e) {
            log.debug("could not record the rooms of {}: {}", claim.name(), e.toString());   // renewal will
        }
    }

    @Override
    public void sweep() {
        if (!available.getAsBoolean()) return;
        // after an outage every server's claims may have lapsed in Redis (a restart drops expired keys), though
        // their users never left: give every server a lease's time to renew before announcing anyone as gone
        long now = System.nanoTime();
        long seen = outages.getAsLong();
        if (seen != outagesSeen) {
            outagesSeen = seen;
            sweepNotBeforeNanos = now + config.lease().toNanos();
        }
        if (now - sweepNotBeforeNanos < 0) return;
        try {
            Long gone = commands.sync().eval(Scripts.SWEEP, ScriptOutputType.INTEGER,
                    array(keys.stream(), keys.history(), keys.presence(), keys.obituaries(), keys.away()),
                    bytes(config.maxLen()), bytes(keys.namePrefix()));
            if (gone != null && gone > 0) log.info("announced {} users of a lost server as timed out", gone);
        } catch (RedisException e) {
            log.debug("could not sweep lapsed claims: {}", e.toString());
        }
    }

    /** Awaited, so the asker's next {@code /who} on any server already shows it. */
    @Override
    public void awayChanged(PresenceClaim claim, String away) throws ChatException {
        if (!available.getAsBoolean()) throw new ChatUnavailableException("chat bus unavailable; try again shortly");
        String field = Long.toHexString(claim.clientId());
        if (away == null) {
            await(commands.async().hdel(keys.away(), field));
        } else {
            await(commands.async().hset(keys.away(), field, bytes(away)));
        }
    }

    @Override
    public Optional<List<Present>> members() {
        try {
            // both sent before either is awaited: one round trip
            RedisFuture<Map<String, byte[]>> entries = commands.async().hgetall(keys.presence());
            RedisFuture<Map<String, byte[]>> aways = commands.async().hgetall(keys.away());
            long wait = RedisConnections.COMMAND_WAIT.toMillis();
            Map<String, byte[]> all = entries.get(wait, TimeUnit.MILLISECONDS);
            Map<String, byte[]> away = aways.get(wait, TimeUnit.MILLISECONDS);
            long now = System.currentTimeMillis();
            return Optional.of(all.values().stream()
                    .map(PresenceEntry::parse).flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(PresenceEntry::joinedMillis))
                    .map(e -> new Present(e.clientId(), e.userId(), e.name(), e.joinedMillis(),
                            TimeUnit.MILLISECONDS.toSeconds(Math.max(0, now - e.lastSentMillis())),
                            text(away.get(Long.toHexString(e.clientId()))), e.serverId(), e.rooms()))
                    .toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RedisException e) {
            log.debug("could not list presence: {}", e.toString());
            return Optional.empty();   // this server's own sessions are better than an error
        }
    }

    /** What a name's claim holds: this server and the client id, so the same client can take it over. */
    private String holder(PresenceClaim claim) {
        return serverId + "/" + Long.toHexString(claim.clientId());
    }

    private PresenceEntry entry(PresenceClaim claim) {
        return new PresenceEntry(claim.clientId(), claim.userId(), claim.joinedAtMillis(), serverId,
                claim.lastSentMillis(), claim.rooms(), claim.name());
    }

    private static <T> T await(RedisFuture<T> future) throws ChatUnavailableException {
        try {
            return future.get(RedisConnections.COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static String[] array(String... keys) {
        return keys;
    }

    static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
