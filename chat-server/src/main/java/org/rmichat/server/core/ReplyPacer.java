package org.rmichat.server.core;

import java.util.concurrent.TimeUnit;

/**
 * Decides how long one client's next poll reply is held back so that it carries several events instead of one.
 *
 * <p>The room gives a spacing (clients / poll budget): the shortest gap between two replies to a client that
 * keeps every client within the budget. Holding a reply only pays when it gathers more than the one event
 * already waiting, so a reply is held only while this client receives at least {@link #MIN_EVENTS_PER_HOLD}
 * events per spacing; a client that hears a line every now and then, or that heard nothing for longer than the
 * spacing, is answered at once and sees no added latency.
 *
 * <p>Not thread-safe: its session's poll lock guards it.
 */
final class ReplyPacer {
    /** Events a held reply must be expected to gather for holding to be worth the wait. */
    static final double MIN_EVENTS_PER_HOLD = 2.0;
    // weight of the newest interval in the rate estimate: a few replies to follow a room that warms up
    private static final double NEWEST_WEIGHT = 0.3;

    private boolean answered;
    private long lastAnsweredNanos;
    private double eventsPerNano;

    /** How long to hold a reply whose first event is there at {@code nowNanos}; 0 to answer at once. */
    long holdNanos(long nowNanos, long spacingNanos) {
        if (!answered || spacingNanos <= 0 || eventsPerNano * spacingNanos < MIN_EVENTS_PER_HOLD) return 0;
        return Math.max(0, lastAnsweredNanos + spacingNanos - nowNanos);
    }

    /** Records a reply of {@code events} events handed out at {@code nowNanos}. */
    void answered(long nowNanos, int events) {
        if (answered) {
            double rate = (double) events / Math.max(1, nowNanos - lastAnsweredNanos);
            eventsPerNano = eventsPerNano == 0 ? rate : (1 - NEWEST_WEIGHT) * eventsPerNano + NEWEST_WEIGHT * rate;
        }
        answered = true;
        lastAnsweredNanos = nowNanos;
    }

    /** The estimated events per second this client receives, for tests and logs. */
    double eventsPerSecond() {
        return eventsPerNano * TimeUnit.SECONDS.toNanos(1);
    }
}
