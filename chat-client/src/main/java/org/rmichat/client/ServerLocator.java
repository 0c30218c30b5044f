package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.rmichat.api.ChatService;

/**
 * Finds the chat service in a server's registry. Every call looks it up afresh, so a restarted server is found.
 *
 * <p>With TLS the registry is reached through {@link SslRMIClientSocketFactory}; the service stub it returns
 * carries the server's own TLS socket factory, so calls to the service are TLS as well. Both use the JVM's
 * default {@code SSLContext}, which {@link ClientMain} points at the {@code --truststore}.
 */
public final class ServerLocator implements ServiceLookup {
    private final HostPort server;
    private final boolean tls;

    public ServerLocator(HostPort server) {
        this(server, false);
    }

    public ServerLocator(HostPort server, boolean tls) {
        this.server = server;
        this.tls = tls;
    }

    @Override
    public ChatService lookup() throws RemoteException, NotBoundException {
        Registry registry = tls ? LocateRegistry.getRegistry(server.host(), server.port(),
                new SslRMIClientSocketFactory()) : LocateRegistry.getRegistry(server.host(), server.port());
        return (ChatService) registry.lookup(ChatService.REGISTRY_NAME);
    }

    @Override
    public String describe() {
        return server.toString();
    }

    public boolean tls() {
        return tls;
    }
}
