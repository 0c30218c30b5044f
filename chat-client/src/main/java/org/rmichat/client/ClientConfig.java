package org.rmichat.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ChatClient} connects and behaves.
 *
 * @param reconnectTimeout how long to keep trying after the server goes away; zero for forever
 * @param pollWaitMillis   how long each poll may wait on the server (the server caps it)
 * @param outboxCapacity   lines kept while the server is away before input pauses
 * @param tls              look up and call the server over TLS, trusting the JVM's default trust store
 */
public record ClientConfig(HostPort server, Optional<String> name, Optional<String> password,
                           Duration reconnectTimeout, int maxBatch, long pollWaitMillis, int outboxCapacity,
                           boolean tls) {
    public ClientConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch < 1");
        if (pollWaitMillis < 0) throw new IllegalArgumentException("pollWaitMillis < 0");
        if (outboxCapacity < 1) throw new IllegalArgumentException("outboxCapacity < 1");
    }

    public static ClientConfig of(HostPort server, Optional<String> name) {
        return new ClientConfig(server, name, Optional.empty(), Duration.ZERO, 1_000, 10_000, 1_000, false);
    }

    public ClientConfig withPassword(Optional<String> secret) {
        return new ClientConfig(server, name, secret, reconnectTimeout, maxBatch, pollWaitMillis, outboxCapacity,
                tls);
    }

    public ClientConfig withReconnectTimeout(Duration timeout) {
        return new ClientConfig(server, name, password, timeout, maxBatch, pollWaitMillis, outboxCapacity, tls);
    }

    public ClientConfig withTls(boolean useTls) {
        return new ClientConfig(server, name, password, reconnectTimeout, maxBatch, pollWaitMillis, outboxCapacity,
                useTls);
    }

    @Override
    public String toString() {
        return "ClientConfig[server=" + server + ", name=" + name + ", password="
                + (password.isPresent() ? "set" : "none") + ", reconnectTimeout=" + reconnectTimeout + ", tls=" + tls + "]";
    }
}
