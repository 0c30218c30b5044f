package org.rmichat.server.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fan-out thread: takes each event from the bus and offers it to every session's queue but its
 * origin's, or only to its addressee's for a private message. Because one thread does all offers in bus order,
 * every session sees the same order.
 *
 * <p>Protocol: it never blocks on a session. An offer that fails means the session fell a whole queue behind;
 * the session is handed to {@code overflow} (which evicts it) and the broadcaster moves on.
 */
final class Broadcaster {
    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);

    interface OverflowHandler {
        void overflowed(ClientSession session);
    }

    private final EventBus bus;
    private final SessionRegistry sessions;
    private final OverflowHandler overflow;
    private final Thread thread;

    Broadcaster(EventBus bus, SessionRegistry sessions, OverflowHandler overflow) {
        this.bus = bus;
        this.sessions = sessions;
        this.overflow = overflow;
        this.thread = new Thread(this::run, "rmichat-broadcaster");
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Envelope envelope = bus.take();
                try {
                    fanOut(envelope);
                } catch (RuntimeException e) {
                    log.error("could not deliver {}", envelope.event().getClass().getSimpleName(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // stop() asked; nothing to clean up
        }
    }

    private void fanOut(Envelope envelope) {
        for (ClientSession session : sessions.all()) {
            if (!envelope.isFor(session.userId()) || session.isClosed()) continue;
            if (!session.offer(envelope.event())) overflow.overflowed(session);
        }
    }
}
