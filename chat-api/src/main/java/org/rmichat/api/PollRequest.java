package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Asks for the events after {@code ack}.
 *
 * @param ack        the highest sequence number the client has received (0 before the first event)
 * @param maxBatch   most events to return in one reply
 * @param waitMillis how long to wait when nothing is queued; the server caps it
 */
public record PollRequest(SessionToken token, long ack, int maxBatch, long waitMillis) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public PollRequest {
        Objects.requireNonNull(token, "token");
        if (ack < 0) throw new IllegalArgumentException("ack < 0: " + ack);
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch < 1: " + maxBatch);
        if (waitMillis < 0) throw new IllegalArgumentException("waitMillis < 0: " + waitMillis);
    }

    /** Travels as {@link PollRequestWire}: the hot call without record descriptors. */
    @Serial
    private Object writeReplace() {
        return new PollRequestWire(this);
    }
}
