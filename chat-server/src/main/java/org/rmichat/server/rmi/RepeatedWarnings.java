package org.rmichat.server.rmi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rmichat.server.core.Ticker;
import org.slf4j.Logger;

/**
 * One WARN line per address and interval for something a hostile client can repeat at will, so a flood of bad
 * calls costs the log a line every few seconds rather than a line each. The first occurrence is logged at
 * once; those within the interval after it are counted, and the count rides on the next line logged.
 *
 * <p>No thread of its own: a count is reported when the same thing happens again after the interval, so the
 * last burst of an attack that stops may go unreported beyond its first line. That is the price of never
 * holding a timer per attacker.
 */
final class RepeatedWarnings {
    /** Addresses remembered at most; past it the memory is dropped, which only costs an extra log line each. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final Ticker ticker;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** {@code what} completes "… from ADDRESS", e.g. "join refused: wrong or missing password". */
    RepeatedWarnings(Logger log, String what, Duration interval, Ticker ticker) {
        this.log = log;
        this.what = what;
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
    }

    /** Records one occurrence from {@code address}, with a detail for the line if this one is logged. */
    void record(String address, String detail) {
        long now = ticker.nanos();
        if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) windows.clear();
        long[] report = {-1};
        windows.compute(address, (a, window) -> {
            if (window == null || now - window.start >= intervalNanos) {
                report[0] = window == null ? 0 : window.suppressed;
                return new Window(now);
            }
            window.suppressed++;
            return window;
        });
        if (report[0] == 0) {
            log.warn("{} from {}{}", what, address, detail);
        } else if (report[0] > 0) {
            log.warn("{} from {}{} ({} more in the {} s before)", what, address, detail, report[0],
                    Duration.ofNanos(intervalNanos).toSeconds());
        }
    }

    /** Mutated only inside {@code compute}, under the map's lock for its key. */
    private static final class Window {
        final long start;
        long suppressed;

        Window(long start) {
            this.start = start;
        }
    }
}
