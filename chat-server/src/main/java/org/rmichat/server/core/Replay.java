package org.rmichat.server.core;

import java.util.List;

/**
 * What a bus still holds after a position.
 *
 * @param missed      events after the position that the bus no longer holds (trimmed away)
 * @param deliveries  what it holds, in bus order
 * @param historyLost the position's history is gone (the shared bus was reset since): the deliveries are the
 *                    new history's, and how much was lost with the old one is unknown
 * @param notKept     lines after the position that the history deleted by its retention, by room
 */
public record Replay(long missed, List<Delivery> deliveries, boolean historyLost, NotKept notKept) {
    public static final Replay NOTHING = new Replay(0, List.of(), false, NotKept.NONE);

    public Replay {
        deliveries = List.copyOf(deliveries);
        if (missed < 0) throw new IllegalArgumentException("missed < 0: " + missed);
        java.util.Objects.requireNonNull(notKept, "notKept");
    }

    public Replay(long missed, List<Delivery> deliveries, boolean historyLost) {
        this(missed, deliveries, historyLost, NotKept.NONE);
    }

    public Replay(long missed, List<Delivery> deliveries) {
        this(missed, deliveries, false);
    }
}
