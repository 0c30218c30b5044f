package org.rmichat.client;

import java.util.concurrent.TimeUnit;

/**
 * Tells a pause of this process from a server that stopped talking. A wait that returns far later than it asked
 * means this process was not running (SIGSTOP, a suspended laptop, a long stall of its own): the server may have
 * written all along, and what it wrote is waiting in the socket. So silence is counted again from the wake-up,
 * and the reader gets a whole silence bound to catch up before the server is blamed.
 *
 * <p>Used by one thread, the one that watches a stream.
 */
final class OwnPause {
    /** A wait this much longer than asked was a pause of this process, not a busy scheduler. */
    static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private boolean resumed;
    private long resumedAt;

    /** Records a wait that began at {@code from}, asked for {@code askedNanos}, and ended at {@code now}. */
    void waited(long from, long askedNanos, long now) {
        if (now - from - askedNanos > PAUSE_NANOS) {
            resumed = true;
            resumedAt = now;
        }
    }

    /** How long the stream has been silent at {@code now}: since it was last heard, or since this process woke. */
    long silentFor(long lastHeard, long now) {
        boolean wokeSince = resumed && resumedAt - lastHeard > 0;
        return now - (wokeSince ? resumedAt : lastHeard);
    }
}
