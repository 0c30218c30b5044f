package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import org.rmichat.api.ChatService;

/** How the client finds the service, each time it (re)connects. */
public interface ServiceLookup {
    ChatService lookup() throws RemoteException, NotBoundException;

    /** Moves on to the next server of the list, if there is more than one. */
    default void next() {
    }

    /** How many servers {@link #next} goes round. */
    default int size() {
        return 1;
    }

    /** The address, or every address of the list, for messages to the user. */
    String describe();

    /** The address tried now: the one of the list this client is on, when it is connected. */
    default String current() {
        return describe();
    }
}
