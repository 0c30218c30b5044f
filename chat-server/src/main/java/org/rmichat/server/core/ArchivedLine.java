package org.rmichat.server.core;

import java.util.Objects;

/**
 * One line as the history keeps it: its place in the bus order, when the server took it, and the envelope (so a
 * read asks the same {@link Audience} the fan-out asked).
 *
 * @param place    the bus's counter for it, unique and increasing within one history, across restarts
 * @param atMillis the server's wall clock when the line was published
 * @param roomKey  the room's key, or null for a private line
 */
public record ArchivedLine(long place, long atMillis, String roomKey, Envelope envelope) {
    public ArchivedLine {
        Objects.requireNonNull(envelope, "envelope");
    }
}
