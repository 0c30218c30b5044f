package org.rmichat.server.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server reaches the Redis it shares with the other servers of a cluster.
 *
 * @param uri       {@code redis://host:port}, or {@code redis-sentinel://host:port[,host:port…]#master} to follow the
 *                  master that Redis Sentinel names, across a fail-over
 * @param password  the Redis password, if it has one; never printed
 * @param maxLen    entries the stream keeps (trimmed approximately), which bounds how far back a fail-over can
 *                  replay
 * @param lease     how long a name stays claimed without renewal: the server's session timeout
 * @param maxHeld   events held while Redis is unreachable before sends are refused
 */
public record RedisConfig(URI uri, Optional<String> password, long maxLen, Duration lease, int maxHeld) {
    public RedisConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(lease, "lease");
        boolean plain = "redis".equals(uri.getScheme()) && uri.getHost() != null;
        boolean sentinel = "redis-sentinel".equals(uri.getScheme()) && uri.getRawAuthority() != null
                && uri.getFragment() != null && !uri.getFragment().isEmpty();
        if (!plain && !sentinel) {
            throw new IllegalArgumentException("not a redis://host[:port] or redis-sentinel://host:port[,host:port]#master"
                    + " URI: " + uri);
        }
        if (maxLen < 1) throw new IllegalArgumentException("max len < 1: " + maxLen);
        if (maxHeld < 1) throw new IllegalArgumentException("max held < 1: " + maxHeld);
    }

    /** Redis's own port, when the URI names none. */
    public static final int DEFAULT_PORT = 6379;

    /** Whether Redis Sentinel says which server is the master. */
    public boolean isSentinel() {
        return "redis-sentinel".equals(uri.getScheme());
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    }

    public static RedisConfig of(URI uri, Duration lease) {
        return new RedisConfig(uri, Optional.empty(), 100_000, lease, 10_000);
    }

    public RedisConfig withPassword(Optional<String> secret) {
        return new RedisConfig(uri, secret, maxLen, lease, maxHeld);
    }

    public RedisConfig withMaxLen(long entries) {
        return new RedisConfig(uri, password, entries, lease, maxHeld);
    }

    @Override
    public String toString() {
        return "RedisConfig[uri=" + uri + ", password=" + (password.isPresent() ? "set" : "none") + ", maxLen="
                + maxLen + ", lease=" + lease + ", maxHeld=" + maxHeld + "]";
    }
}
