package org.rmichat.server.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens on one address (or all) and remembers the port it got, so port 0 works. RMI shares one listening
 * socket between the registry and the service when both are exported with equal factories, which is what
 * keeps rmichat on a single port.
 *
 * <p>Equality is identity: one endpoint exports both objects with the same instance, so they still share a
 * socket, while each server gets its own. With equality by address, a second server on port 0 in the same
 * JVM matched the first one's endpoint: RMI never called {@link #createServerSocket}, {@link #boundPort}
 * stayed 0, and the server reported port 0.
 */
final class BoundServerSocketFactory implements RMIServerSocketFactory {
    private final Optional<InetAddress> bindAddress;
    private final AtomicInteger boundPort = new AtomicInteger();

    BoundServerSocketFactory(Optional<InetAddress> bindAddress) {
        this.bindAddress = bindAddress;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket(port, 256, bindAddress.orElse(null));
        boundPort.set(socket.getLocalPort());
        return socket;
    }

    int boundPort() {
        return boundPort.get();
    }
}
