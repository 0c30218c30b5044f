package org.rmichat.server.metrics;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where {@code /metrics} and {@code /health} listen: {@code --metrics-bind}, loopback unless told, since the
 * metrics name nobody but show how busy the server is; {@code --metrics-port}, 0 for any free port.
 */
public record MetricsEndpoint(InetAddress bind, int port) {
    public MetricsEndpoint {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("metrics port out of range: " + port);
    }

    public static MetricsEndpoint loopback(int port) {
        return new MetricsEndpoint(InetAddress.getLoopbackAddress(), port);
    }
}
