package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidObjectException;
import java.rmi.RemoteException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.NickRequest;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.Session;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * Every field of a request is bounded where it is read: a join whose name, password or resume position is
 * longer than any honest client sends (written by hand, since our own records refuse to build it) is refused
 * as its arguments are read, before the room sees it, while two people go on talking.
 */
@Timeout(60)
class OversizedFieldsIT {
    /** Below the bytes-per-call limit, so only the field bound can refuse it. */
    private static final String LONG = "q".repeat(12_000);

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
    void aJoinWithAFieldPastItsBoundIsRefusedAsItIsReadWhileOthersTalk() throws Exception {
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            ChatService service = SecurityFixtures.lookup(server);
            alice.type("before");
            assertEquals("alice: before", bob.awaitShown(line -> line.startsWith("alice: ")));

            String name = "N".repeat(200);
            String password = "P".repeat(200);
            String position = "R".repeat(200);
            ChatService hostile = HostileStubs.via(service,
                    HostileStubs.rewriting(Map.of(name, LONG, password, LONG, position, LONG)));

            for (JoinRequest join : new JoinRequest[] {new JoinRequest(name, null),
                    new JoinRequest("eve", password), new JoinRequest("eve", null, 7, position)}) {
                RemoteException refused = assertThrows(RemoteException.class, () -> hostile.join(join));
                assertTrue(isRefusedAsRead(refused), "not refused as read: " + refused);
                alice.type("during " + join.hashCode());
                assertEquals("alice: during " + join.hashCode(), bob.awaitShown(line -> line.startsWith("alice: ")));
            }

            // the other requests that carry a name: a rename and a private line's addressee
            Session eve = service.join(new JoinRequest("eve", null));
            assertTrue(isRefusedAsRead(assertThrows(RemoteException.class,
                    () -> hostile.nick(new NickRequest(eve.token(), name))))); 
            assertTrue(isRefusedAsRead(assertThrows(RemoteException.class,
                    () -> hostile.sendPrivate(new PrivateRequest(eve.token(), 1, name, "hi")))));

            alice.type("after");
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
        }
    }

    /** The record's own check, failing while the call's arguments were read. */
    static boolean isRefusedAsRead(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidObjectException && t.getMessage() != null && t.getMessage().contains("too long")) {
                return true;
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().contains("too long")) {
                return true;
            }
        }
        return false;
    }
}
