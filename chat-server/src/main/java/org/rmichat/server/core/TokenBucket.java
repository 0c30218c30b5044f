package org.rmichat.server.core;

/**
 * A token bucket: {@code burst} sends at once, refilled at {@code perSecond}. Not thread-safe; the owning
 * session calls it under its send lock.
 */
final class TokenBucket {
    private final Ticker ticker;
    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    TokenBucket(Ticker ticker, double perSecond, int burst) {
        this.ticker = ticker;
        this.tokensPerNano = perSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.lastRefill = ticker.nanos();
    }

    /** Takes one token if there is one. A rate of 0 means unlimited. */
    boolean tryTake() {
        if (tokensPerNano == 0) return true;
        long now = ticker.nanos();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
