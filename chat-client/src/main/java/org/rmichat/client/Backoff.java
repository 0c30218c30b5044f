package org.rmichat.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter: waits a random time up to a doubling ceiling, so many clients
 * cut off by one restart do not all knock at the same instant.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long ceilingMillis;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.ceilingMillis = initialMillis;
    }

    long nextDelayMillis() {
        long delay = ThreadLocalRandom.current().nextLong(ceilingMillis / 2, ceilingMillis + 1);
        ceilingMillis = Math.min(maxMillis, ceilingMillis * 2);
        return delay;
    }

    void reset() {
        ceilingMillis = initialMillis;
    }
}
