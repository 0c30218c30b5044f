package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;

/**
 * Limits the server enforces on each session, told to the client at join.
 *
 * @param maxMessageLength longest accepted message text, in characters
 * @param messagesPerSecond sustained send rate; 0 means unlimited
 * @param burst             sends allowed back to back before the rate applies
 * @param maxPollWaitMillis longest a poll waits when nothing is queued
 * @param historyOnJoin     lines of a room's history a client shows when it joins it (protocol 4; 0 from an older
 *                          server, which has no history)
 */
public record ServerLimits(int maxMessageLength, double messagesPerSecond, int burst, long maxPollWaitMillis,
                           int historyOnJoin) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public ServerLimits {
        if (maxMessageLength < 1) throw new IllegalArgumentException("maxMessageLength < 1: " + maxMessageLength);
        if (!(messagesPerSecond >= 0)) throw new IllegalArgumentException("messagesPerSecond < 0: " + messagesPerSecond);
        if (burst < 1) throw new IllegalArgumentException("burst < 1: " + burst);
        if (maxPollWaitMillis < 0) throw new IllegalArgumentException("maxPollWaitMillis < 0: " + maxPollWaitMillis);
        if (historyOnJoin < 0) throw new IllegalArgumentException("historyOnJoin < 0: " + historyOnJoin);
    }

    /** Without scrollback on join. */
    public ServerLimits(int maxMessageLength, double messagesPerSecond, int burst, long maxPollWaitMillis) {
        this(maxMessageLength, messagesPerSecond, burst, maxPollWaitMillis, 0);
    }
}
