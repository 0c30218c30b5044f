package org.rmichat.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ChatClient} connects and behaves.
 *
 * @param servers          the servers of one chat, tried in turn; one for a single server
 * @param reconnectTimeout how long to keep trying after the server goes away; zero for forever
 * @param pollWaitMillis   how long each poll may wait on the server (the server caps it)
 * @param outboxCapacity   lines kept while the server is away before input pauses
 * @param tls              look up and call the server over TLS, trusting the JVM's default trust store
 */
public record ClientConfig(List<HostPort> servers, Optional<String> name, Optional<String> password,
                           Duration reconnectTimeout, int maxBatch, long pollWaitMillis, int outboxCapacity,
                           boolean tls) {
    public ClientConfig {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) throw new IllegalArgumentException("no server");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch < 1");
        if (pollWaitMillis < 0) throw new IllegalArgumentException("pollWaitMillis < 0");
        if (outboxCapacity < 1) throw new IllegalArgumentException("outboxCapacity < 1");
    }

    public static ClientConfig of(HostPort server, Optional<String> name) {
        return of(List.of(server), name);
    }

    /** A client of a cluster: it joins the first server that answers and fails over to the next. */
    public static ClientConfig of(List<HostPort> servers, Optional<String> name) {
        return new ClientConfig(servers, name, Optional.empty(), Duration.ZERO, 1_000, 10_000, 1_000, false);
    }

    public ClientConfig withPassword(Optional<String> secret) {
        return new ClientConfig(servers, name, secret, reconnectTimeout, maxBatch, pollWaitMillis, outboxCapacity,
                tls);
    }

    public ClientConfig withReconnectTimeout(Duration timeout) {
        return new ClientConfig(servers, name, password, timeout, maxBatch, pollWaitMillis, outboxCapacity, tls);
    }

    public ClientConfig withTls(boolean useTls) {
        return new ClientConfig(servers, name, password, reconnectTimeout, maxBatch, pollWaitMillis, outboxCapacity,
                useTls);
    }

    @Override
    public String toString() {
        return "ClientConfig[servers=" + servers + ", name=" + name + ", password="
                + (password.isPresent() ? "set" : "none") + ", reconnectTimeout=" + reconnectTimeout + ", tls=" + tls
                + "]";
    }
}
