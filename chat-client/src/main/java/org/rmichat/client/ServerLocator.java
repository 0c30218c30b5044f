package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import org.rmichat.api.ChatService;

/** Finds the chat service in a server's registry. Every call looks it up afresh, so a restarted server is found. */
public final class ServerLocator implements ServiceLookup {
    private final HostPort server;

    public ServerLocator(HostPort server) {
        this.server = server;
    }

    @Override
    public ChatService lookup() throws RemoteException, NotBoundException {
        return (ChatService) LocateRegistry.getRegistry(server.host(), server.port())
                .lookup(ChatService.REGISTRY_NAME);
    }

    @Override
    public String describe() {
        return server.toString();
    }
}
