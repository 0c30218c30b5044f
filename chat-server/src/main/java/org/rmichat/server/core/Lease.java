package org.rmichat.server.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's lease: renewed by every call it makes; it lapses after the session timeout with no call, but
 * never while a poll is in progress (a long poll is the client being there).
 */
final class Lease {
    private final Ticker ticker;
    private final AtomicInteger pollsInProgress = new AtomicInteger();
    private volatile long lastSeenNanos;

    Lease(Ticker ticker) {
        this.ticker = ticker;
        this.lastSeenNanos = ticker.nanos();
    }

    void renew() {
        lastSeenNanos = ticker.nanos();
    }

    void pollStarted() {
        renew();
        pollsInProgress.incrementAndGet();
    }

    void pollEnded() {
        pollsInProgress.decrementAndGet();
        renew();
    }

    boolean hasLapsed(long now, long timeoutNanos) {
        return pollsInProgress.get() == 0 && now - lastSeenNanos > timeoutNanos;
    }
}
