package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.rmi.RemoteException;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.it.security.SecurityFixtures.ForeignRegistry;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * A registry that hands out a stub leading somewhere else (rebound by a local program, or a look-alike
 * server) is not followed: the client refuses with one line saying where the stub leads. Here the stub is a
 * real chat service's, so following it would even have worked, which is the point: the client cannot tell a
 * forwarding proxy from the real thing, only that it was not sent where it asked.
 */
@Timeout(30)
class ForeignStubIT {
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = SecurityFixtures.startServer(RoomConfig.defaults());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aStubLeadingToAnotherPortIsRefusedWhilePeopleTalk() throws Exception {
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice");
             ForeignRegistry foreign = new ForeignRegistry(null, ServerSocketFactory.getDefault())) {
            foreign.registry.bind(ChatService.REGISTRY_NAME, SecurityFixtures.lookup(server));
            alice.type("while mallory waits");

            RemoteException e = assertThrows(RemoteException.class, () -> new Inbox(foreign.port, "carol").close());

            assertEquals("the registry at 127.0.0.1:" + foreign.port + " points the chat at 127.0.0.1:"
                    + server.port() + ", not at itself; not connecting (if that is right, start the server with"
                    + " --advertise-host 127.0.0.1)", e.getMessage());
            assertEquals("alice: while mallory waits", bob.awaitShown(line -> line.startsWith("alice: ")));
        }
    }
}
