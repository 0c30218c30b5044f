package org.rmichat.server.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The single-server bus: one unbounded queue, because senders are already rate-limited and must never block.
 * Positions are a counter; no history is kept, since a client can only resume on the server it was on, whose
 * session already holds what it missed.
 */
public final class InMemoryEventBus implements EventBus {
    private final BlockingQueue<Envelope> inbound = new LinkedBlockingQueue<>();
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
        return new Delivery(Long.toString(++taken), envelope);
    }

    @Override
    public Delivery poll() {
        Envelope envelope = inbound.poll();
        return envelope == null ? null : new Delivery(Long.toString(++taken), envelope);
    }

    @Override
    public Replay replay(String after, String upTo) {
        return Replay.NOTHING;
    }

    @Override
    public boolean isAfter(String position, String other) {
        try {
            return Long.parseLong(position) > Long.parseLong(other);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    @Override
    public void close() {
        inbound.clear();
    }
}
