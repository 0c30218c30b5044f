package org.rmichat.server.rmi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rmichat.server.core.Ticker;

/**
 * Keeps what one address, and the whole server, put on everyone's screen within {@link FloodLimits}. Joins and
 * leaves (presence lines) are counted per address and per server: a join is refused while either budget is spent,
 * and a leave, which is never refused, still spends it, so churn costs twice. Lines are counted against the
 * server's budget shared fairly: each address that posted within the last {@link #ACTIVE} gets an equal part, so
 * a flood from one address leaves the others their part.
 *
 * <p>Thread-safe: each bucket locks itself; the per-address maps are pruned of idle addresses at most once per
 * second, by whichever call finds the time has come.
 */
final class FloodGuard {
    private static final long ACTIVE = TimeUnit.SECONDS.toNanos(10);
    private static final long PRUNE_EVERY = TimeUnit.SECONDS.toNanos(1);

    private final FloodLimits limits;
    private final Ticker ticker;
    private final Bucket serverPresence;
    private final Map<String, Bucket> presenceByAddress = new ConcurrentHashMap<>();
    private final Map<String, Bucket> linesByAddress = new ConcurrentHashMap<>();
    private final AtomicLong nextPrune;

    FloodGuard(FloodLimits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        this.serverPresence = new Bucket(limits.presenceBurstPerServer(), ticker.nanos());
        this.nextPrune = new AtomicLong(ticker.nanos() + PRUNE_EVERY);
    }

    /** Whether a join from {@code address} may go ahead; charges nothing (a join that fails shows nothing). */
    boolean mayJoin(String address) {
        long now = ticker.nanos();
        prune(now);
        boolean perAddress = limits.presencePerAddress() == 0 || presence(address, now)
                .hasToken(now, limits.presencePerAddress(), limits.presenceBurstPerAddress());
        boolean perServer = limits.presencePerServer() == 0
                || serverPresence.hasToken(now, limits.presencePerServer(), limits.presenceBurstPerServer());
        return perAddress && perServer;
    }

    /** A join or leave from {@code address} was shown to everyone: it spends both budgets. */
    void presenceShown(String address) {
        long now = ticker.nanos();
        if (limits.presencePerAddress() > 0) {
            presence(address, now).charge(now, limits.presencePerAddress(), limits.presenceBurstPerAddress());
        }
        if (limits.presencePerServer() > 0) {
            serverPresence.charge(now, limits.presencePerServer(), limits.presenceBurstPerServer());
        }
    }

    /** Takes one line from {@code address}'s fair part of the server's budget; false when it has none left. */
    boolean mayPost(String address) {
        if (limits.linesPerServer() == 0) return true;
        long now = ticker.nanos();
        prune(now);
        Bucket bucket = linesByAddress.computeIfAbsent(address, a -> new Bucket(limits.lineBurstPerServer(), now));
        int sharing = Math.max(1, linesByAddress.size());
        return bucket.tryTake(now, limits.linesPerServer() / sharing,
                Math.max(1, limits.lineBurstPerServer() / sharing));
    }

    private Bucket presence(String address, long now) {
        return presenceByAddress.computeIfAbsent(address, a -> new Bucket(limits.presenceBurstPerAddress(), now));
    }

    private void prune(long now) {
        long due = nextPrune.get();
        if (now - due < 0 || !nextPrune.compareAndSet(due, now + PRUNE_EVERY)) return;
        // an address idle this long has (nearly) refilled its budget: forgetting it gives it at most one burst early
        presenceByAddress.values().removeIf(b -> b.idleSince(now) > ACTIVE);
        linesByAddress.values().removeIf(b -> b.idleSince(now) > ACTIVE);
    }

    /** Tokens refilled at a rate given per call (an address's fair part changes as others come and go). */
    private static final class Bucket {
        private double tokens;
        private long lastRefill;
        private long lastUsed;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.lastRefill = now;
            this.lastUsed = now;
        }

        synchronized boolean hasToken(long now, double perSecond, int burst) {
            refill(now, perSecond, burst);
            return tokens >= 1;
        }

        /** Spends one token even if there is none: debt a leave runs up delays the next join. */
        synchronized void charge(long now, double perSecond, int burst) {
            refill(now, perSecond, burst);
            tokens = Math.max(-burst, tokens - 1);
            lastUsed = now;
        }

        synchronized boolean tryTake(long now, double perSecond, int burst) {
            refill(now, perSecond, burst);
            lastUsed = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }

        synchronized long idleSince(long now) {
            return now - lastUsed;
        }

        private void refill(long now, double perSecond, int burst) {
            tokens = Math.min(burst, tokens + (now - lastRefill) * perSecond / 1e9);
            lastRefill = now;
        }
    }
}
