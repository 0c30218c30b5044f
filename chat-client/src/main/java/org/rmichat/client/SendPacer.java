package org.rmichat.client;

import java.util.concurrent.TimeUnit;
import org.rmichat.api.ServerLimits;

/**
 * Keeps this client within the rate the server announced at join, so pasted or piped text goes out slower
 * but in order instead of being refused. Used by the sender thread only.
 */
final class SendPacer {
    private final double nanosPerToken;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    SendPacer(ServerLimits limits) {
        // a little under the server's rate: clocks and network jitter must not push us over it
        this.nanosPerToken = limits.messagesPerSecond() == 0 ? 0 : 1e9 / (limits.messagesPerSecond() * 0.95);
        this.capacity = Math.max(1, limits.burst() - 1);
        this.tokens = capacity;
    }

    /** Takes a token, waiting for one if need be; tells {@code listener} first whether it waits. */
    void acquire(Connection.PaceListener listener) throws InterruptedException {
        if (nanosPerToken == 0) return;
        refill();
        listener.paced(tokens < 1);
        if (tokens < 1) {
            TimeUnit.NANOSECONDS.sleep((long) ((1 - tokens) * nanosPerToken));
            refill();
        }
        tokens -= 1;
    }

    /** How long to wait before resending a line the server refused as over its rate: one token's time. */
    static long retryDelayMillis(ServerLimits limits) {
        return new SendPacer(limits).retryDelayMillis();
    }

    long retryDelayMillis() {
        return nanosPerToken == 0 ? 100 : Math.max(1, (long) (nanosPerToken / 1e6));
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / nanosPerToken);
        last = now;
    }
}
