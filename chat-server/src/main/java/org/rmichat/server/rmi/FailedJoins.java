package org.rmichat.server.rmi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.rmichat.server.core.Ticker;

/**
 * Slows password guessing down per client address: after the n-th failed join in a row from an address, every
 * join from it is refused unread for {@code base * 2^(n-1)}, up to {@code max}. A join that succeeds forgives
 * the address. The refusal is immediate rather than a delay, so guessing holds no server thread.
 *
 * <p>Keyed by address, not by name: a guesser can choose any name, not any address (on a LAN; NAT puts
 * everyone behind one address, and then they share the penalty, which is why the first steps are short).
 */
final class FailedJoins {
    /** Addresses remembered at most; a flood of distinct ones resets the memory rather than the heap. */
    private static final int MAX_ADDRESSES = 10_000;

    private final long baseNanos;
    private final long maxNanos;
    private final Ticker ticker;
    private final Map<String, Record> byAddress = new ConcurrentHashMap<>();

    FailedJoins(Duration base, Duration max, Ticker ticker) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.ticker = ticker;
    }

    static FailedJoins standard(Ticker ticker) {
        return new FailedJoins(Duration.ofMillis(250), Duration.ofMinutes(1), ticker);
    }

    /** How long {@code address} must still wait before its next join is read, if it must wait at all. */
    Optional<Duration> penalty(String address) {
        Record record = byAddress.get(address);
        if (record == null) return Optional.empty();
        long left = record.blockedUntil - ticker.nanos();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    /** Counts a failure; returns how many in a row {@code address} has had. */
    int failed(String address) {
        long now = ticker.nanos();
        if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(address)) byAddress.clear();
        Record record = byAddress.compute(address, (a, old) -> {
            int failures = old == null ? 1 : old.failures + 1;
            // shift capped well below 63 bits; the max caps the rest
            long delay = Math.min(maxNanos, baseNanos << Math.min(failures - 1, 30));
            return new Record(failures, now + delay);
        });
        return record.failures;
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    /** For the refusal's text: whole seconds, rounded up, never "0 s". */
    static long seconds(Duration wait) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.toNanos() + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    private record Record(int failures, long blockedUntil) {
    }
}
