package org.rmichat.server.core;

/**
 * A bus that tells a test when the broadcaster has finished with what it took, and lets the test play the
 * bus's health changes. The broadcaster asks for the next event only once it is done with the last, so its
 * (n+1)th {@link #take} means n events are fanned out or held for a digest.
 */
final class WatchedBus extends ForwardingEventBus {
    private int takes;   // guarded by this
    private volatile HealthListener health;

    WatchedBus(EventBus inner) {
        super(inner);
    }

    /** Waits until the broadcaster has dealt with {@code count} events and asks for the next. */
    synchronized void awaitDealtWith(int count) throws InterruptedException {
        while (takes <= count) wait();
    }

    /** Tells the room the bus went away, as a shared bus does when it loses its server. */
    void becomeUnavailable() {
        health.unavailable();
    }

    @Override
    public Delivery take() throws InterruptedException {
        synchronized (this) {
            takes++;
            notifyAll();
        }
        return super.take();
    }

    /** Nothing without a {@link #take}: every event is counted, one at a time. */
    @Override
    public Delivery poll() {
        return null;
    }

    @Override
    public void onHealthChange(HealthListener listener) {
        health = listener;
    }
}
