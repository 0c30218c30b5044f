package org.rmichat.server;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.rmichat.server.core.RoomConfig;

/**
 * Everything a {@link ChatServer} needs to start.
 *
 * @param bindAddress the address to listen on; empty for all interfaces
 * @param port        the one port for registry and service; 0 for any free port
 * @param room        the chat's rules
 */
public record ServerConfig(Optional<InetAddress> bindAddress, int port, RoomConfig room) {
    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(room, "room");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** An ephemeral port on loopback: what tests and the embedded benchmark use. */
    public static ServerConfig loopback(RoomConfig room) {
        return new ServerConfig(Optional.of(InetAddress.getLoopbackAddress()), 0, room);
    }
}
