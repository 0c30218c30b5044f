package org.rmichat.server.core;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import org.rmichat.api.ChatEvent;

/**
 * An event on its way through the bus to the broadcasters. Serializable as a whole, so a shared bus carries
 * every kind of event without an encoding of its own.
 *
 * @param origin the cluster-unique origin of the session that caused it (the client's instance id), which
 *               does not receive it on any server; {@link #NO_ORIGIN} for everyone
 */
public record Envelope(long origin, ChatEvent event) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    public static final long NO_ORIGIN = 0;

    public Envelope {
        Objects.requireNonNull(event, "event");
    }

    public static Envelope toEveryone(ChatEvent event) {
        return new Envelope(NO_ORIGIN, event);
    }
}
