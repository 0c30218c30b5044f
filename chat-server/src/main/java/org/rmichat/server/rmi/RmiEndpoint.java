package org.rmichat.server.rmi;

import java.net.InetAddress;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.rmichat.api.ChatService;
import org.rmichat.server.core.ChatRoom;
import org.rmichat.server.core.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry and the chat service on one port: the registry so clients can find the service by name, the
 * service on the same listening socket so a firewall needs one hole. Both are unexported by {@link #close}.
 */
public final class RmiEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RmiEndpoint.class);

    private final Registry registry;
    private final RmiChatService service;
    private final BoundServerSocketFactory serverSockets;

    private RmiEndpoint(Registry registry, RmiChatService service, BoundServerSocketFactory serverSockets) {
        this.registry = registry;
        this.service = service;
        this.serverSockets = serverSockets;
    }

    /** Listens on {@code bindAddress} (all interfaces when empty) and {@code port} (0 for any free one). */
    public static RmiEndpoint open(ChatRoom room, Optional<InetAddress> bindAddress, int port) throws RemoteException {
        return open(room, bindAddress, port, Optional.empty());
    }

    /**
     * As {@link #open(ChatRoom, Optional, int)}, and with {@code tls} both the registry and the service speak
     * only TLS: a client needs {@link SslRMIClientSocketFactory} to look the service up and to call it.
     */
    public static RmiEndpoint open(ChatRoom room, Optional<InetAddress> bindAddress, int port,
                                   Optional<SSLContext> tls) throws RemoteException {
        return open(room, bindAddress, port, tls, ConnectionLimits.defaults());
    }

    /**
     * As {@link #open(ChatRoom, Optional, int, Optional)}, with {@code limits} on every connection: time to the
     * first call, idle time, connections per address; and bytes per call, sized from the room's longest message.
     */
    public static RmiEndpoint open(ChatRoom room, Optional<InetAddress> bindAddress, int port,
                                   Optional<SSLContext> tls, ConnectionLimits limits) throws RemoteException {
        int maxMessageLength = room.limits().maxMessageLength();
        ConnectionGuard guard = new ConnectionGuard(limits, SerialFilters.maxCallBytes(maxMessageLength),
                Ticker.system());
        // one instance for both exports: that is what makes RMI share the listening socket
        BoundServerSocketFactory serverSockets = new BoundServerSocketFactory(bindAddress, tls, guard);
        // the stub carries this to clients; with TLS it makes their calls to the service TLS too
        RMIClientSocketFactory clientSockets = tls.isPresent() ? new SslRMIClientSocketFactory() : null;
        // the registry keeps the JDK's own strict filter (sun.rmi.registry.registryFilter)
        Registry registry = LocateRegistry.createRegistry(port, clientSockets, serverSockets);
        int boundPort = serverSockets.boundPort();
        RmiChatService service = new RmiChatService(room, limits.flood(), Ticker.system());
        try {
            ChatService stub = (ChatService) UnicastRemoteObject.exportObject(service, boundPort, clientSockets,
                    serverSockets, SerialFilters.service(maxMessageLength));
            registry.bind(ChatService.REGISTRY_NAME, stub);
        } catch (RemoteException | AlreadyBoundException | RuntimeException e) {
            unexport(service);
            unexport(registry);
            serverSockets.closeAll();
            throw e instanceof RemoteException re ? re : new RemoteException("cannot bind the chat service", e);
        }
        return new RmiEndpoint(registry, service, serverSockets);
    }

    public int port() {
        return serverSockets.boundPort();
    }

    @Override
    public void close() {
        try {
            registry.unbind(ChatService.REGISTRY_NAME);
        } catch (RemoteException | NotBoundException e) {
            log.debug("unbind failed", e);
        }
        unexport(service);
        unexport(registry);
        serverSockets.closeAll();
    }

    private static void unexport(java.rmi.Remote object) {
        try {
            UnicastRemoteObject.unexportObject(object, true);
        } catch (NoSuchObjectException e) {
            log.debug("already unexported", e);
        }
    }
}
