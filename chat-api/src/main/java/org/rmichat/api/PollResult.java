package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * A batch of events for one session. Sequence numbers are consecutive per session, so the batch carries
 * only the first: event {@code i} has sequence number {@code firstSeq + i}. An empty batch means the wait
 * ended with nothing new; its {@code firstSeq} is the next number to come.
 */
public record PollResult(long firstSeq, List<ChatEvent> events) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public PollResult {
        events = List.copyOf(events);
        if (firstSeq < 1) throw new IllegalArgumentException("firstSeq < 1: " + firstSeq);
    }

    /** On the wire a batch is one byte array, not a graph of records: see {@link PollResultWire}. */
    @Serial
    private Object writeReplace() {
        return new PollResultWire(this);
    }

    public static PollResult empty(long nextSeq) {
        return new PollResult(nextSeq, List.of());
    }

    public long seqOf(int index) {
        return firstSeq + index;
    }

    /** The sequence number to acknowledge once every event of this batch has been shown. */
    public long lastSeq() {
        return firstSeq + events.size() - 1;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
