package org.rmichat.server.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.rmichat.api.ChatUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scripts that append to the stream without waiting: while Redis is away Lettuce holds them, in
 * order, up to a bound; past it, appends are refused, so a long outage cannot fill the heap.
 */
final class HeldAppends {
    private static final Logger log = LoggerFactory.getLogger(HeldAppends.class);

    private final StatefulRedisConnection<String, byte[]> commands;
    private final int maxHeld;
    private final AtomicInteger held = new AtomicInteger();

    HeldAppends(StatefulRedisConnection<String, byte[]> commands, int maxHeld) {
        this.commands = commands;
        this.maxHeld = maxHeld;
    }

    RedisFuture<Long> append(String script, String[] keys, byte[]... args) throws ChatUnavailableException {
        if (held.incrementAndGet() > maxHeld) {
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
}
