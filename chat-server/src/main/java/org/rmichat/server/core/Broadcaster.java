package org.rmichat.server.core;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.rmichat.api.Notice;
import org.rmichat.api.UserJoined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fan-out thread: takes each event from the bus and offers it to every live session's queue but its
 * origin's, or only to its addressee's for a private message. Because one thread does all offers in bus
 * order, every session sees the same order.
 *
 * <p>Protocol: it never blocks on a session. An offer that fails means the session fell a whole queue behind;
 * the session is handed to {@code overflow} (which evicts it) and the broadcaster moves on.
 *
 * <p>A session becomes live through {@link #admit}, which queues what the client missed (the bus's replay up
 * to the last event fanned out) and marks it live under the same lock the fan-out holds, so every event
 * reaches it exactly once: either in the replay or in the fan-out, never both, never neither.
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
    private final ReentrantLock fanOutLock = new ReentrantLock();
    private String lastPosition;   // guarded by fanOutLock: the last delivery fanned out

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

    /** Queues what the client missed since {@code resumeAfter}, if anything, and makes the session live. */
    void admit(ClientSession session, Optional<String> resumeAfter) {
        if (resumeAfter.isEmpty()) {
            // nothing to replay, so no seam to guard: waiting for the fan-out lock here starved joins while
            // the broadcaster was busy fanning out a storm of other joins
            session.goLive();
            return;
        }
        fanOutLock.lock();
        try {
            if (lastPosition != null && bus.isAfter(lastPosition, resumeAfter.get())) {
                Replay replay = bus.replay(resumeAfter.get(), lastPosition);
                if (replay.missed() > 0) session.offer(new Notice("missed " + replay.missed() + " messages"));
                for (Delivery delivery : replay.deliveries()) {
                    if (delivery.envelope().origin() != session.origin()) session.offer(delivery);
                }
            }
            // this server may not yet have read as far as the client had shown elsewhere: hold back the rest
            session.resumeAfter(resumeAfter.get());
            session.goLive();
        } finally {
            fanOutLock.unlock();
        }
    }

    private boolean shownBefore(ClientSession session, Delivery delivery) {
        String resumedAfter = session.resumedAfter();
        return resumedAfter != null && delivery.position() != null
                && !bus.isAfter(delivery.position(), resumedAfter);
    }

    /** A line from this server to each of its own sessions, between two bus events. */
    void noticeAll(Notice notice) {
        fanOutLock.lock();
        try {
            for (ClientSession session : sessions.all()) {
                if (session.isLive() && !session.isClosed()) session.offer(notice);
            }
        } finally {
            fanOutLock.unlock();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Delivery delivery = bus.take();
                try {
                    fanOut(delivery);
                } catch (RuntimeException e) {
                    log.error("could not deliver {}", delivery.envelope().event().getClass().getSimpleName(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // stop() asked; nothing to clean up
        }
    }

    private void fanOut(Delivery delivery) {
        fanOutLock.lock();
        try {
            lastPosition = delivery.position();
            for (ClientSession session : sessions.all()) {
                if (session.awaitsOwnJoin() && delivery.envelope().origin() == session.origin()
                        && delivery.envelope().event() instanceof UserJoined) {
                    session.goLive();   // its own join line: everything after it is for this session too
                    continue;
                }
                if (!delivery.envelope().isFor(session.origin()) || !session.isLive() || session.isClosed()
                        || shownBefore(session, delivery)) {
                    continue;
                }
                if (!session.offer(delivery)) overflow.overflowed(session);
            }
        } finally {
            fanOutLock.unlock();
        }
    }
}
