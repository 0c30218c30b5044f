package org.rmichat.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The two connections to Redis and their life: opened together, closed together.
 *
 * <p>Two, because they fail differently. Commands share one thread-safe connection that Lettuce reconnects by
 * itself; while Redis is away it holds them and replays them in order when Redis is back, so held messages go
 * out in order without code of ours (we bound what it holds, see {@link HeldAppends}). The blocking
 * {@code XREAD} has its own connection with a timeout above the block time, refusing commands while
 * disconnected, so the reader learns of an outage at once and tells the users.
 */
final class RedisConnections implements AutoCloseable {
    static final Duration COMMAND_WAIT = Duration.ofSeconds(3);

    private final ClientResources resources;
    private final RedisClient commandClient;
    private final RedisClient readerClient;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisConnection<String, byte[]> reader;

    private RedisConnections(RedisConfig config, Duration readerBlock) {
        RedisURI target;
        if (config.isSentinel()) {
            // Lettuce asks the sentinels for the master at every connect and reconnect, so after a fail-over
            // both connections find the promoted replica by themselves
            RedisURI sentinels = RedisURI.create(config.uri().toString());
            sentinels.setTimeout(COMMAND_WAIT);
            config.password().ifPresent(p -> sentinels.setAuthentication(p.toCharArray()));
            target = sentinels;
        } else {
            RedisURI.Builder uri = RedisURI.Builder.redis(config.host(), config.port()).withTimeout(COMMAND_WAIT);
            config.password().ifPresent(p -> uri.withPassword(p.toCharArray()));
            target = uri.build();
        }
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
            r.setTimeout(readerBlock.plus(COMMAND_WAIT));
        } catch (RuntimeException e) {
            if (c != null) c.close();
            shutdown();
            throw e;
        }
        this.commands = c;
        this.reader = r;
    }

    /** Connects; fails at once when Redis cannot be reached, so a misconfigured server does not start. */
    static RedisConnections open(RedisConfig config, Duration readerBlock) {
        return new RedisConnections(config, readerBlock);
    }

    /** Shared by every command but the blocking read. */
    StatefulRedisConnection<String, byte[]> commands() {
        return commands;
    }

    /** The blocking reader's own. */
    StatefulRedisConnection<String, byte[]> reader() {
        return reader;
    }

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
}
