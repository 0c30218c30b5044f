package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.util.List;
import java.util.stream.Collectors;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.rmichat.api.ChatService;

/**
 * Finds the chat service in the registry of one of the given servers (the servers of one cluster). Every call
 * looks it up afresh, so a restarted server is found; {@link #next} moves on to the next server, round the
 * list, when the current one is gone.
 *
 * <p>With TLS the registry is reached through {@link SslRMIClientSocketFactory}; the service stub it returns
 * carries the server's own TLS socket factory, so calls to the service are TLS as well. Both use the JVM's
 * default {@code SSLContext}, which {@link ClientMain} points at the {@code --truststore}.
 *
 * <p>The stub found is used only if it leads back to the server asked, with TLS when TLS was asked
 * ({@link ServiceStub}).
 */
public final class ServerLocator implements ServiceLookup {
    private final List<HostPort> servers;
    private final boolean tls;
    private int current;   // guarded by this

    public ServerLocator(HostPort server) {
        this(List.of(server), false);
    }

    public ServerLocator(List<HostPort> servers, boolean tls) {
        if (servers.isEmpty()) throw new IllegalArgumentException("no server given");
        this.servers = List.copyOf(servers);
        this.tls = tls;
    }

    @Override
    public ChatService lookup() throws RemoteException, NotBoundException {
        HostPort server = currentServer();
        Registry registry = tls ? LocateRegistry.getRegistry(server.host(), server.port(),
                new SslRMIClientSocketFactory()) : LocateRegistry.getRegistry(server.host(), server.port());
        return ServiceStub.verify((ChatService) registry.lookup(ChatService.REGISTRY_NAME), server, tls);
    }

    private synchronized HostPort currentServer() {
        return servers.get(current);
    }

    @Override
    public synchronized void next() {
        current = (current + 1) % servers.size();
    }

    @Override
    public int size() {
        return servers.size();
    }

    @Override
    public String describe() {
        return servers.stream().map(HostPort::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String current() {
        return currentServer().toString();
    }

    public boolean tls() {
        return tls;
    }
}
