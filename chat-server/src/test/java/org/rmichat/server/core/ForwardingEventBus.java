package org.rmichat.server.core;

import org.rmichat.api.ChatException;

/** A bus that hands every call to another; test buses override what they watch or hold back. */
abstract class ForwardingEventBus implements EventBus {
    private final EventBus inner;

    ForwardingEventBus(EventBus inner) {
        this.inner = inner;
    }

    @Override
    public Delivery take() throws InterruptedException {
        return inner.take();
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
    public boolean belongs(String position) {
        return inner.belongs(position);
    }

    @Override
    public boolean isAfter(String position, String other) {
        return inner.isAfter(position, other);
    }

    @Override
    public void onHealthChange(HealthListener listener) {
        inner.onHealthChange(listener);
    }

    @Override
    public void close() {
        inner.close();
    }
}
