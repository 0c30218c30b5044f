package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import org.rmichat.api.ChatService;

/** How the client finds the service, each time it (re)connects. */
public interface ServiceLookup {
    ChatService lookup() throws RemoteException, NotBoundException;

    /** The address, for messages to the user. */
    String describe();
}
