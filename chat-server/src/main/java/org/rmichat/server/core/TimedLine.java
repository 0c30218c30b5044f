package org.rmichat.server.core;

import java.util.Objects;

/**
 * A line read back from history: its position in the bus order and when the server took it.
 *
 * @param position the bus's position, as in {@link Delivery}
 * @param atMillis the server's wall clock when the line was published
 */
public record TimedLine(String position, long atMillis, Envelope envelope) {
    public TimedLine {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(envelope, "envelope");
    }
}
