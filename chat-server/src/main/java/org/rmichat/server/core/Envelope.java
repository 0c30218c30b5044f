package org.rmichat.server.core;

import java.util.Objects;
import org.rmichat.api.ChatEvent;

/**
 * An event on its way through the bus to the broadcaster.
 *
 * @param originUserId the session that caused it, which does not receive it; {@link #NO_ORIGIN} for everyone
 */
public record Envelope(long originUserId, ChatEvent event) {
    public static final long NO_ORIGIN = -1;

    public Envelope {
        Objects.requireNonNull(event, "event");
    }

    public static Envelope toEveryone(ChatEvent event) {
        return new Envelope(NO_ORIGIN, event);
    }
}
