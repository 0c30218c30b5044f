package org.rmichat.api;

import java.io.Serial;

/**
 * The next {@code count} events are ones this client missed while it was away (a reconnect, a server restart, a
 * fail-over, an eviction as too slow), replayed from the history as it comes back; live events follow them. A
 * client marks them as missed and shows where the live ones begin. Sent only to clients of
 * {@link Protocol#HISTORY} or later.
 *
 * @param count       how many events follow that were missed; at least 1
 * @param sinceMillis when the server took the first of them (milliseconds since the epoch), or 0 if unknown
 */
public record MissedLines(int count, long sinceMillis) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public MissedLines {
        if (count < 1) throw new IllegalArgumentException("count < 1: " + count);
        if (sinceMillis < 0) throw new IllegalArgumentException("sinceMillis < 0: " + sinceMillis);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.missedLines(this);
    }
}
