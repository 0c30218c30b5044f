package org.rmichat.server.core;

import org.rmichat.api.ChatException;

/**
 * A bus that tells a test when the broadcaster has finished with what it took, and lets the test play the
 * bus's health changes. The broadcaster asks for the next event only once it is done with the last, so its
 * (n+1)th {@link #take} means n events are fanned out or held for a digest.
 */
final class WatchedBus implements EventBus {
    private final EventBus inner;
    private int takes;   // guarded by this
    private volatile HealthListener health;

    WatchedBus(EventBus inner) {
        this.inner = inner;
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
        return inner.take();
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
    public void onHealthChange(HealthListener listener) {
        health = listener;
    }

    @Override
    public void close() {
        inner.close();
    }
}
