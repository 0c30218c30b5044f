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
 * <p>Equality is identity on purpose: RMI keeps endpoints JVM-wide, so two servers in one JVM (tests, the
 * embedded benchmark) with value-equal factories would silently share the first one's port.
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
