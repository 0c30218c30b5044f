package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * A batch of events for one session. Sequence numbers are consecutive per session, so the batch carries
 * only the first: event {@code i} has sequence number {@code firstSeq + i}. An empty batch means the wait
 * ended with nothing new; its {@code firstSeq} is the next number to come.
 *
 * @param position where the last chat event of the batch stands in the chat's one order, opaque to clients;
 *                 {@code null} when the batch holds none (only notices, or nothing). A client keeps the last
 *                 one it has shown and presents it as {@link JoinRequest#resumeAfter()} when it joins another
 *                 server of the cluster.
 */
public record PollResult(long firstSeq, List<ChatEvent> events, String position) implements Serializable {
    @Serial private static final long serialVersionUID = 2L;

    public PollResult {
        events = List.copyOf(events);
        if (firstSeq < 1) throw new IllegalArgumentException("firstSeq < 1: " + firstSeq);
    }

    public PollResult(long firstSeq, List<ChatEvent> events) {
        this(firstSeq, events, null);
    }

    /** On the wire a batch is one byte array, not a graph of records: see {@link PollResultWire}. */
    @Serial
    private Object writeReplace() {
        return new PollResultWire(this);
    }

    public static PollResult empty(long nextSeq) {
        return new PollResult(nextSeq, List.of(), null);
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
