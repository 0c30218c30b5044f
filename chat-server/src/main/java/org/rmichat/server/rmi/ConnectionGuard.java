package org.rmichat.server.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rmichat.server.core.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits accepted connections: at most {@link ConnectionLimits#maxPerAddress()} open at once per client
 * address, each wrapped in a {@link GuardedSocket} with the endpoint's byte and time limits. One per endpoint;
 * it holds the per-address counts and the throttled warnings about what it refused.
 */
final class ConnectionGuard implements GuardedSocket.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private final ConnectionLimits limits;
    private final long maxCallBytes;
    private final Ticker ticker;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final RepeatedWarnings overCap;
    private final RepeatedWarnings tooLarge;
    private final RepeatedWarnings silent;

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
    }

    /** The connection wrapped, or empty after closing it because its address has too many open. */
    Optional<Socket> admit(Socket accepted) throws IOException {
        InetAddress address = accepted.getInetAddress();
        if (!reserve(address)) {
            overCap.record(address.getHostAddress(), "");
            accepted.close();
            return Optional.empty();
        }
        return Optional.of(new GuardedSocket(accepted, maxCallBytes, limits, ticker, this));
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
        if (limits.maxPerAddress() == 0) return;
        open.computeIfPresent(socket.address(), (a, count) -> count <= 1 ? null : count - 1);
    }
}
