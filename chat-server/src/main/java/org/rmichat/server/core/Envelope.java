package org.rmichat.server.core;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import org.rmichat.api.ChatEvent;

/**
 * An event on its way through the bus to the broadcasters. Serializable as a whole, so a shared bus carries
 * every kind of event without an encoding of its own.
 *
 * <p>Private messages travel the same bus as everything else, addressed to one session, so they reach it
 * in the one order the broadcaster gives all events; a side channel would let a private line overtake the
 * public lines before it.
 *
 * @param origin    the cluster-unique origin of the session that caused it (the client's instance id), which
 *                  does not receive it on any server; {@link #NO_ORIGIN} for everyone
 * @param addressee the origin of the only session that receives it, or {@link #EVERYONE}; wins over
 *                  {@code origin}. Origins, not user ids: ids are per server, origins are unique in a cluster.
 */
public record Envelope(long origin, ChatEvent event, long addressee) implements Serializable {
    @Serial private static final long serialVersionUID = 2L;
    public static final long NO_ORIGIN = 0;
    public static final long EVERYONE = 0;

    public Envelope {
        Objects.requireNonNull(event, "event");
    }

    public Envelope(long origin, ChatEvent event) {
        this(origin, event, EVERYONE);
    }

    public static Envelope toEveryone(ChatEvent event) {
        return new Envelope(NO_ORIGIN, event);
    }

    public static Envelope privately(long origin, long addressee, ChatEvent event) {
        return new Envelope(origin, event, addressee);
    }

    /** Whether the session with origin {@code sessionOrigin} receives this event. */
    public boolean isFor(long sessionOrigin) {
        return addressee == EVERYONE ? sessionOrigin != origin : sessionOrigin == addressee;
    }
}
