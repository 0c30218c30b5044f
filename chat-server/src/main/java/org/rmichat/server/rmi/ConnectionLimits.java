package org.rmichat.server.rmi;

import java.time.Duration;
import java.util.Objects;

/**
 * What one TCP connection to the endpoint may cost before anyone knows who is on the other end.
 *
 * @param firstCallTimeout a new connection must finish its handshake and send its first call within this, or
 *                         it is closed: a port scanner or a stalled TLS handshake holds a thread no longer
 * @param idleTimeout      a connection that then sends nothing for this long is closed; longer than the time
 *                         RMI clients keep an idle connection pooled (15 s) and than a poll's wait
 * @param maxPerAddress    most connections open at once from one client address; 0 for no limit
 * @param writeTimeout     a reply whose bytes the client does not take for this long (one write stays blocked) closes
 *                         the connection: a client that never reads would otherwise hold a thread and the reply
 * @param flood            joins, leaves and lines per address and per server: what all of one address's sessions
 *                         together may put on everyone's screen
 */
public record ConnectionLimits(Duration firstCallTimeout, Duration idleTimeout, int maxPerAddress,
                               Duration writeTimeout, FloodLimits flood) {
    /** Long enough for a full batch over a slow link; what a client that stopped reading costs at most. */
    static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    public ConnectionLimits {
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(flood, "flood");
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("write timeout must be positive: " + writeTimeout);
        }
        Objects.requireNonNull(firstCallTimeout, "firstCallTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (firstCallTimeout.isNegative() || firstCallTimeout.isZero()) {
            throw new IllegalArgumentException("first call timeout must be positive: " + firstCallTimeout);
        }
        if (idleTimeout.compareTo(firstCallTimeout) < 0) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " is shorter than the first call timeout "
                    + firstCallTimeout);
        }
        if (idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idle timeout too long: " + idleTimeout);
        }
        if (maxPerAddress < 0) throw new IllegalArgumentException("max connections per address < 0: " + maxPerAddress);
    }

    /** With the default write timeout. */
    public ConnectionLimits(Duration firstCallTimeout, Duration idleTimeout, int maxPerAddress) {
        this(firstCallTimeout, idleTimeout, maxPerAddress, DEFAULT_WRITE_TIMEOUT, FloodLimits.defaults());
    }

    /**
     * 10 s to the first call, 2 minutes idle, 256 connections per address: a real client uses two or three, so
     * this leaves room for a hundred people behind one NAT while one host cannot take every file descriptor;
     * 30 s for a reply to be taken.
     */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(Duration.ofSeconds(10), Duration.ofMinutes(2), 256);
    }

    public ConnectionLimits withFirstCallTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, idleTimeout, maxPerAddress, writeTimeout, flood);
    }

    public ConnectionLimits withIdleTimeout(Duration timeout) {
        return new ConnectionLimits(firstCallTimeout, timeout, maxPerAddress, writeTimeout, flood);
    }

    public ConnectionLimits withMaxPerAddress(int max) {
        return new ConnectionLimits(firstCallTimeout, idleTimeout, max, writeTimeout, flood);
    }

    public ConnectionLimits withWriteTimeout(Duration timeout) {
        return new ConnectionLimits(firstCallTimeout, idleTimeout, maxPerAddress, timeout, flood);
    }

    public ConnectionLimits withFlood(FloodLimits limits) {
        return new ConnectionLimits(firstCallTimeout, idleTimeout, maxPerAddress, writeTimeout, limits);
    }
}
