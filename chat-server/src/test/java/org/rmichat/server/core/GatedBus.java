package org.rmichat.server.core;

import java.util.concurrent.CountDownLatch;
import org.rmichat.api.ChatException;

/**
 * A bus whose broadcaster can be made to wait with the event it just took, as a busy broadcaster would, so that
 * what is published meanwhile piles up behind it.
 */
final class GatedBus implements EventBus {
    private final EventBus inner;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedBus(EventBus inner) {
        this.inner = inner;
    }

    /** The next event taken waits, with the broadcaster, until {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    @Override
    public Delivery take() throws InterruptedException {
        Delivery delivery = inner.take();
        gate.await();
        return delivery;
    }

    @Override
    public Delivery poll() {
        return inner.poll();
    }

    @Override
    public void publish(Envelope envelope) throws ChatException {
        inner.publish(envelope);
    }

    @Override
    public void publishSend(long clientSeq, Envelope envelope) throws ChatException {
        inner.publishSend(clientSeq, envelope);
    }

    @Override
    public Replay replay(String after, String upTo) {
        return inner.replay(after, upTo);
    }

    @Override
    public boolean isAfter(String position, String other) {
        return inner.isAfter(position, other);
    }

    @Override
    public void close() {
        release();
        inner.close();
    }
}
