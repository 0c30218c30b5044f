package org.rmichat.server.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The single-server bus: one unbounded queue, because senders are already rate-limited and must never block. */
public final class InMemoryEventBus implements EventBus {
    private final BlockingQueue<Envelope> inbound = new LinkedBlockingQueue<>();

    @Override
    public void publish(Envelope envelope) {
        inbound.add(envelope);
    }

    @Override
    public Envelope take() throws InterruptedException {
        return inbound.take();
    }

    @Override
    public void close() {
        inbound.clear();
    }
}
