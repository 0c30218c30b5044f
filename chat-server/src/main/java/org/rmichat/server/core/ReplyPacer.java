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
    // weight of the newest reply in the estimate: about the last eight replies count
    private static final double NEWEST_WEIGHT = 0.125;

    private boolean answered;
    private long lastAnsweredNanos;
    // the average time between this client's events: intervals, not rates, are averaged, because where a
    // client falls in each burst of polls moves its replies about, and one reply right after another would
    // otherwise read as a huge rate
    private double nanosPerEvent;

    /** How long to hold the reply to a poll that arrives at {@code nowNanos}; 0 to answer as soon as an event is there. */
    long holdNanos(long nowNanos, long spacingNanos) {
        if (!answered || spacingNanos <= 0 || nanosPerEvent == 0
                || spacingNanos < MIN_EVENTS_PER_HOLD * nanosPerEvent) {
            return 0;
        }
        return Math.max(0, lastAnsweredNanos + spacingNanos - nowNanos);
    }

    /** Records a reply of {@code events} events handed out at {@code nowNanos}. */
    void answered(long nowNanos, int events) {
        if (answered) {
            double interval = (double) Math.max(1, nowNanos - lastAnsweredNanos) / Math.max(1, events);
            nanosPerEvent = nanosPerEvent == 0 ? interval
                    : (1 - NEWEST_WEIGHT) * nanosPerEvent + NEWEST_WEIGHT * interval;
        }
        answered = true;
        lastAnsweredNanos = nowNanos;
    }

    /** The estimated events per second this client receives, for tests and logs. */
    double eventsPerSecond() {
        return nanosPerEvent == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / nanosPerEvent;
    }
}
