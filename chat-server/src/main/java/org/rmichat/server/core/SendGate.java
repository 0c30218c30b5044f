package org.rmichat.server.core;

import org.rmichat.api.ChatException;
import org.rmichat.api.RateLimitedException;

/**
 * What a session may send: each client sequence number once, within the send budget; and when it last sent.
 */
final class SendGate {
    private final Ticker ticker;
    private final TokenBucket budget;
    private long lastClientSeq;          // guarded by this: highest accepted client sequence number
    private volatile long lastSentNanos;

    SendGate(Ticker ticker, TokenBucket budget) {
        this.ticker = ticker;
        this.budget = budget;
        this.lastSentNanos = ticker.nanos();
    }

    /**
     * Runs {@code post} once per client sequence number, within the budget. A number already accepted is a retry
     * whose reply was lost: it returns false and costs nothing. A post that fails accepts nothing.
     */
    synchronized boolean sendOnce(long clientSeq, ClientSession.Post post) throws ChatException {
        if (clientSeq <= lastClientSeq) return false;
        if (!budget.tryTake()) throw new RateLimitedException();
        post.run();
        lastClientSeq = clientSeq;
        lastSentNanos = ticker.nanos();
        return true;
    }

    /** Spends one unit of the budget on something other than a line, such as a rename. */
    synchronized void spend() throws RateLimitedException {
        if (!budget.tryTake()) throw new RateLimitedException();
    }

    /** How long since the last line accepted (or since the gate was made, at join). */
    long idleNanos(long now) {
        return Math.max(0, now - lastSentNanos);
    }
}
