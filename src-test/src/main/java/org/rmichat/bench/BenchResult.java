package org.rmichat.bench;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * What one run measured. Rates and CPU are over the measured window; delivery counts cover every message the
 * run sent, warm-up included, after waiting for the last ones to arrive.
 *
 * @param latency          send (scheduled) to receive, nanoseconds, messages scheduled in the window
 * @param ping             bare {@code ping()} round trips in the window, nanoseconds
 * @param sendCall         how long each {@code send()} of the window took to return, nanoseconds
 * @param serverCpuNanos   server process CPU in the window; empty without a server pid
 * @param benchCpuNanos    this process's CPU in the window
 * @param heapBeforeKib    server heap after a full GC, before any client joined
 * @param heapAfterKib     the same at the end, every client still in
 */
record BenchResult(String label, BenchConfig config, double joinSeconds, long sent, long sendErrors,
                   long expected, long delivered, long duplicated, long evicted, long pollErrors,
                   long windowDeliveries, long windowPolls, long windowFrames, long windowReplyBytes,
                   double windowSeconds,
                   Histogram latency, Histogram ping, Histogram sendCall,
                   OptionalLong serverCpuNanos, long benchCpuNanos,
                   OptionalLong serverPeakRssKib, OptionalLong heapBeforeKib, OptionalLong heapAfterKib) {

    long lost() {
        return Math.max(0, expected - delivered);
    }

    double deliveriesPerSecond() {
        return windowDeliveries / windowSeconds;
    }

    double pollsPerDelivery() {
        return windowDeliveries == 0 ? Double.NaN : (double) windowPolls / windowDeliveries;
    }

    /** Batches (a reply, or one frame of a stream) per delivery: how much the server batched. */
    double framesPerDelivery() {
        return windowDeliveries == 0 ? Double.NaN : (double) windowFrames / windowDeliveries;
    }

    /** Bytes of streamed frames per delivery; NaN for single replies, whose bytes RMI does not tell. */
    double bytesPerDelivery() {
        return windowDeliveries == 0 || windowReplyBytes == 0 ? Double.NaN : (double) windowReplyBytes / windowDeliveries;
    }

    OptionalDouble serverCpuMicrosPerDelivery() {
        if (serverCpuNanos.isEmpty() || windowDeliveries == 0) return OptionalDouble.empty();
        return OptionalDouble.of(serverCpuNanos.getAsLong() / 1e3 / windowDeliveries);
    }

    OptionalDouble benchCpuMicrosPerDelivery() {
        return windowDeliveries == 0 ? OptionalDouble.empty() : OptionalDouble.of(benchCpuNanos / 1e3 / windowDeliveries);
    }

    OptionalDouble heapPerClientBytes() {
        if (heapBeforeKib.isEmpty() || heapAfterKib.isEmpty()) return OptionalDouble.empty();
        return OptionalDouble.of((heapAfterKib.getAsLong() - heapBeforeKib.getAsLong()) * 1024.0 / config.clients());
    }
}
