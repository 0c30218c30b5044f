package org.rmichat.server.core;

import java.util.List;

/**
 * What a bus still holds after a position.
 *
 * @param missed events after the position that the bus no longer holds (trimmed away)
 */
public record Replay(long missed, List<Delivery> deliveries) {
    public static final Replay NOTHING = new Replay(0, List.of());

    public Replay {
        deliveries = List.copyOf(deliveries);
        if (missed < 0) throw new IllegalArgumentException("missed < 0: " + missed);
    }
}
