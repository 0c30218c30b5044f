package org.rmichat.server.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<ServerSocket> created = new CopyOnWriteArrayList<>();

    BoundServerSocketFactory(Optional<InetAddress> bindAddress) {
        this.bindAddress = bindAddress;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket(port, 256, bindAddress.orElse(null));
        boundPort.set(socket.getLocalPort());
        created.add(socket);
        return socket;
    }

    /**
     * Closes what this factory opened. Needed because RMI never closes a socket it opened for port 0, even
     * after everything on it is unexported, and a restarted server must be able to take the port again.
     */
    void closeAll() {
        for (ServerSocket socket : created) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed by RMI: nothing left to release
            }
        }
        created.clear();
    }

    int boundPort() {
        return boundPort.get();
    }
}
