package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.rmichat.api.ChatService;

/**
 * Finds the chat service in the registry of one of the given servers (the servers of one cluster). Every call
 * looks it up afresh, so a restarted server is found; {@link #next} moves on to the next server, round the
 * list, when the current one is gone.
 */
public final class ServerLocator implements ServiceLookup {
    private final List<HostPort> servers;
    private int current;   // guarded by this

    public ServerLocator(HostPort server) {
        this(List.of(server));
    }

    public ServerLocator(List<HostPort> servers) {
        if (servers.isEmpty()) throw new IllegalArgumentException("no server given");
        this.servers = List.copyOf(servers);
    }

    @Override
    public ChatService lookup() throws RemoteException, NotBoundException {
        HostPort server = currentServer();
        return (ChatService) LocateRegistry.getRegistry(server.host(), server.port())
                .lookup(ChatService.REGISTRY_NAME);
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
}
