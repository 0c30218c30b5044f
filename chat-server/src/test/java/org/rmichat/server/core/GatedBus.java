package org.rmichat.server.core;

import java.util.concurrent.CountDownLatch;

/**
 * A bus whose broadcaster can be made to wait with the event it just took, as a busy broadcaster would, so that
 * what is published meanwhile piles up behind it.
 */
final class GatedBus extends ForwardingEventBus {
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedBus(EventBus inner) {
        super(inner);
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
        Delivery delivery = super.take();
        gate.await();
        return delivery;
    }

    @Override
    public void close() {
        release();
        super.close();
    }
}
