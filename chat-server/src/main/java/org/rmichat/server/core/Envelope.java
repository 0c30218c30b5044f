package org.rmichat.server.core;

import java.util.Objects;
import org.rmichat.api.ChatEvent;

/**
 * An event on its way through the bus to the broadcaster.
 *
 * <p>Private messages travel the same bus as everything else, addressed to one session, so they reach it
 * in the one order the broadcaster gives all events; a side channel would let a private line overtake the
 * public lines before it.
 *
 * @param originUserId    the session that caused it, which does not receive it; {@link #NO_ORIGIN} for everyone
 * @param addresseeUserId the only session that receives it, or {@link #EVERYONE}; wins over {@code originUserId}
 */
public record Envelope(long originUserId, ChatEvent event, long addresseeUserId) {
    public static final long NO_ORIGIN = -1;
    public static final long EVERYONE = -1;

    public Envelope {
        Objects.requireNonNull(event, "event");
    }

    public Envelope(long originUserId, ChatEvent event) {
        this(originUserId, event, EVERYONE);
    }

    public static Envelope toEveryone(ChatEvent event) {
        return new Envelope(NO_ORIGIN, event);
    }

    public static Envelope privately(long originUserId, long addresseeUserId, ChatEvent event) {
        return new Envelope(originUserId, event, addresseeUserId);
    }

    /** Whether {@code userId} receives this event. */
    public boolean isFor(long userId) {
        return addresseeUserId == EVERYONE ? userId != originUserId : userId == addresseeUserId;
    }
}
