package org.rmichat.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What every client thread adds to: counts, and the one latency {@link Recorder} the progress reporter samples.
 * Latency is recorded only for messages scheduled inside the measured window, set once before senders start.
 */
final class Tally {
    final LongAdder sent = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder delivered = new LongAdder();     // distinct (receiver, sender, number) seen
    final LongAdder duplicated = new LongAdder();    // a number at or below one the receiver already had
    final LongAdder polls = new LongAdder();
    final LongAdder frames = new LongAdder();        // batches received: replies, or frames of streamed replies
    final LongAdder replyBytes = new LongAdder();    // bytes of streamed frames (not counted for single replies)
    final LongAdder pollErrors = new LongAdder();
    final LongAdder evicted = new LongAdder();       // sessions the server closed while the bench ran
    final Recorder latency = new Recorder(3);        // nanoseconds; auto-resizing
    final Recorder sendCall = new Recorder(3);       // how long send() took to return, nanoseconds
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    /** A send scheduled at {@code scheduled} returned after {@code nanos}; counted if scheduled in the window. */
    void sendReturned(long scheduled, long nanos) {
        if (scheduled - windowStart >= 0 && scheduled - windowEnd < 0) sendCall.recordValue(Math.max(0, nanos));
    }

    void received(Stamp stamp, long nowNanos) {
        long scheduled = stamp.scheduledNanos();
        if (scheduled - windowStart >= 0 && scheduled - windowEnd < 0) {
            latency.recordValue(Math.max(0, nowNanos - scheduled));
        }
    }
}
