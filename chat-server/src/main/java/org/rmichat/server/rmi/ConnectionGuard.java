package org.rmichat.server.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rmichat.server.core.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits accepted connections: at most {@link ConnectionLimits#maxPerAddress()} open at once per client
 * address, each wrapped in a {@link GuardedSocket} with the endpoint's byte and time limits. One per endpoint;
 * it holds the per-address counts and the throttled warnings about what it refused.
 *
 * <p>Its watchdog ({@code rmichat-connection-watchdog}, started with the first connection, stopped by
 * {@link #close}) closes a connection whose reply has not moved for {@link ConnectionLimits#writeTimeout()}:
 * closing the socket is the only way to end a blocked write, and a client that never reads would otherwise hold
 * a thread and its reply forever. It also ends reads past their deadline (the first call's, the idle
 * timeout's), which a blocking channel cannot time out by itself. It looks every quarter of the shortest of
 * the three limits, so each fires at most a quarter late.
 */
final class ConnectionGuard implements GuardedSocket.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private final ConnectionLimits limits;
    private final long maxCallBytes;
    private final Ticker ticker;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final RepeatedWarnings overCap;
    private final RepeatedWarnings tooLarge;
    private final RepeatedWarnings silent;
    private final RepeatedWarnings unread;
    private final Set<GuardedSocket> live = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1,
            runnable -> new Thread(runnable, "rmichat-connection-watchdog"));
    private final AtomicBoolean watching = new AtomicBoolean();

    ConnectionGuard(ConnectionLimits limits, long maxCallBytes, Ticker ticker) {
        this.limits = limits;
        this.maxCallBytes = maxCallBytes;
        this.ticker = ticker;
        this.overCap = new RepeatedWarnings(log, "connection refused: " + limits.maxPerAddress()
                + " already open", WARN_INTERVAL, ticker);
        this.tooLarge = new RepeatedWarnings(log, "call refused: larger than " + maxCallBytes + " bytes",
                WARN_INTERVAL, ticker);
        this.silent = new RepeatedWarnings(log, "connection closed: no call within "
                + limits.firstCallTimeout().toMillis() + " ms", WARN_INTERVAL, ticker);
        this.unread = new RepeatedWarnings(log, "connection closed: reply not taken within "
                + limits.writeTimeout().toMillis() + " ms", WARN_INTERVAL, ticker);
    }

    /** The connection wrapped, or empty after closing it because its address has too many open. */
    Optional<Socket> admit(AcceptedConnection accepted) throws IOException {
        InetAddress address = accepted.socket().getInetAddress();
        if (!reserve(address)) {
            overCap.record(address.getHostAddress(), "");
            accepted.socket().close();
            return Optional.empty();
        }
        GuardedSocket guarded = new GuardedSocket(accepted, maxCallBytes, limits, ticker, this);
        live.add(guarded);
        watch();
        return Optional.of(guarded);
    }

    /** Starts the watchdog once, with the first connection: a guard whose endpoint never opened starts no thread. */
    private void watch() {
        if (!watching.compareAndSet(false, true)) return;
        long shortest = Math.min(limits.writeTimeout().toMillis(), limits.firstCallTimeout().toMillis());
        long period = Math.max(50, shortest / 4);   // the idle timeout is never shorter than the first call's
        watchdog.scheduleWithFixedDelay(this::closeOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeOverdue() {
        long now = ticker.nanos();
        long bound = limits.writeTimeout().toNanos();
        for (GuardedSocket socket : live) {
            if (socket.readOverdue(now)) {
                socket.timeOut();
                continue;
            }
            if (!socket.writeStalled(now, bound)) continue;
            unread.record(socket.address().getHostAddress(), "");
            try {
                socket.close();   // the blocked write fails, and RMI's thread is free
            } catch (IOException | RuntimeException e) {
                log.debug("closing a stalled connection failed", e);
            }
        }
    }

    /** Stops the watchdog; the connections themselves are RMI's to close. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            if (!watchdog.awaitTermination(5, TimeUnit.SECONDS)) log.warn("connection watchdog did not stop within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean reserve(InetAddress address) {
        if (limits.maxPerAddress() == 0) return true;
        boolean[] admitted = {false};
        open.compute(address, (a, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limits.maxPerAddress()) return count;
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    /** The connections open now; for tests. */
    Set<GuardedSocket> live() {
        return Set.copyOf(live);
    }

    /** Connections open from {@code address} now; for tests. */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    @Override
    public void callTooLarge(GuardedSocket socket, long bytes) {
        tooLarge.record(socket.address().getHostAddress(), "");
    }

    @Override
    public void timedOut(GuardedSocket socket, boolean beforeFirstCall) {
        if (beforeFirstCall) {
            silent.record(socket.address().getHostAddress(), "");
        } else {
            // a client that went away without closing (a laptop lid) looks the same: not worth a warning
            log.debug("connection from {} closed: idle for {}", socket.address().getHostAddress(),
                    limits.idleTimeout());
        }
    }

    @Override
    public void closed(GuardedSocket socket) {
        live.remove(socket);
        if (limits.maxPerAddress() == 0) return;
        open.computeIfPresent(socket.address(), (a, count) -> count <= 1 ? null : count - 1);
    }
}
