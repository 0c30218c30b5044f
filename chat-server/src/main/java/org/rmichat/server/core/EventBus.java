package org.rmichat.server.core;

/**
 * The hop between the calls that produce events and the one broadcaster that fans them out. Whatever order
 * {@link #take} yields is the order every session sees. The embedded default is an in-memory queue; a shared
 * log lets several servers share one order.
 */
public interface EventBus extends AutoCloseable {

    /** Appends an event; never blocks on consumers. */
    void publish(Envelope envelope);

    /** The next event in bus order, waiting for one. */
    Envelope take() throws InterruptedException;

    @Override
    void close();
}
