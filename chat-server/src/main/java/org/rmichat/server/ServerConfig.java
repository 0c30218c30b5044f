package org.rmichat.server;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.core.RoomsConfig;
import org.rmichat.server.metrics.MetricsEndpoint;
import org.rmichat.server.rmi.ConnectionLimits;

/**
 * Everything a {@link ChatServer} needs to start.
 *
 * @param bindAddress the address to listen on; empty for all interfaces
 * @param port        the one port for registry and service; 0 for any free port
 * @param room        the chat's rules
 * @param tls         the server's key and certificate when registry and service speak TLS; empty for plain
 * @param connections what one TCP connection may cost: time to its first call, idle time, number per address
 * @param metrics     where to serve /metrics and /health; empty for no metrics (the default)
 * @param rooms       the default room and the limits on rooms
 */
public record ServerConfig(Optional<InetAddress> bindAddress, int port, RoomConfig room, Optional<SSLContext> tls,
                           ConnectionLimits connections, Optional<MetricsEndpoint> metrics, RoomsConfig rooms) {
    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(rooms, "rooms");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    }

    public ServerConfig(Optional<InetAddress> bindAddress, int port, RoomConfig room, Optional<SSLContext> tls,
                        ConnectionLimits connections) {
        this(bindAddress, port, room, tls, connections, Optional.empty(), RoomsConfig.defaults());
    }

    /** With the default connection limits. */
    public ServerConfig(Optional<InetAddress> bindAddress, int port, RoomConfig room, Optional<SSLContext> tls) {
        this(bindAddress, port, room, tls, ConnectionLimits.defaults());
    }

    /** Without TLS. */
    public ServerConfig(Optional<InetAddress> bindAddress, int port, RoomConfig room) {
        this(bindAddress, port, room, Optional.empty());
    }

    public ServerConfig withTls(SSLContext context) {
        return new ServerConfig(bindAddress, port, room, Optional.of(context), connections, metrics, rooms);
    }

    public ServerConfig withConnectionLimits(ConnectionLimits limits) {
        return new ServerConfig(bindAddress, port, room, tls, limits, metrics, rooms);
    }

    public ServerConfig withMetrics(MetricsEndpoint endpoint) {
        return new ServerConfig(bindAddress, port, room, tls, connections, Optional.of(endpoint), rooms);
    }

    public ServerConfig withRooms(RoomsConfig roomsConfig) {
        return new ServerConfig(bindAddress, port, room, tls, connections, metrics, roomsConfig);
    }

    /** True when anyone who can reach the port can join and read along: all interfaces, no TLS, no password. */
    public boolean isWideOpen() {
        boolean everywhere = bindAddress.map(InetAddress::isAnyLocalAddress).orElse(true);
        return everywhere && tls.isEmpty() && room.password().isEmpty();
    }

    /** For the start-up log: where it listens and what protects it. Never the secret itself. */
    public String describeSecurity() {
        return "TLS " + (tls.isPresent() ? "on" : "off") + ", password " + (room.password().isPresent() ? "on" : "off");
    }

    /** An ephemeral port on loopback: what tests and the embedded benchmark use. */
    public static ServerConfig loopback(RoomConfig room) {
        return new ServerConfig(Optional.of(InetAddress.getLoopbackAddress()), 0, room);
    }
}
