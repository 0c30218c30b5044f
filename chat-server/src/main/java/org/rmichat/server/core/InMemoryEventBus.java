package org.rmichat.server.core;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The single-server bus: one unbounded queue, because senders are already rate-limited and must never block.
 * Positions are a counter within a history drawn at construction, so a position from before a restart of the
 * server belongs to no history here. No events are kept: a client coming back to this server (after an
 * eviction) is told how many it missed, not shown them.
 */
public final class InMemoryEventBus implements EventBus {
    private final BlockingQueue<Envelope> inbound = new LinkedBlockingQueue<>();
    private final String history = HistoryPosition.newHistory(new SecureRandom());
    private long taken;   // only the one taking thread touches it

    @Override
    public void publish(Envelope envelope) {
        inbound.add(envelope);
    }

    @Override
    public void publishSend(long clientSeq, Envelope envelope) {
        inbound.add(envelope);   // the session accepts each clientSeq once; one server needs nothing more
    }

    @Override
    public Delivery take() throws InterruptedException {
        Envelope envelope = inbound.take();
        return delivery(envelope);
    }

    @Override
    public Delivery poll() {
        Envelope envelope = inbound.poll();
        return envelope == null ? null : delivery(envelope);
    }

    private Delivery delivery(Envelope envelope) {
        return new Delivery(new HistoryPosition(history, Long.toString(++taken)).toString(), envelope);
    }

    @Override
    public Replay replay(String after, String upTo) {
        long from = number(after);
        long to = number(upTo);
        return from < 0 || to < 0 || to <= from ? Replay.NOTHING : new Replay(to - from, List.of());
    }

    @Override
    public boolean belongs(String position) {
        return number(position) >= 0;
    }

    @Override
    public boolean isAfter(String position, String other) {
        long a = number(position);
        long b = number(other);
        return a < 0 || b < 0 || a > b;
    }

    /** The counter in a position of this history; -1 for any other. */
    private long number(String position) {
        HistoryPosition parsed = HistoryPosition.parse(position);
        if (parsed == null || !parsed.isIn(history)) return -1;
        try {
            return Long.parseLong(parsed.place());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        inbound.clear();
    }
}
