package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.rmi.ConnectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.rmichat.client.HostPort;
import org.rmichat.client.ServiceLookup;
import org.rmichat.it.RecordingConsole;
import org.rmichat.it.TestClient;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * Alice's network goes away long enough for her session to time out, and someone else joins as "alice". When
 * she is back her client says plainly that her name was taken and rejoins as "alice_2", visibly not the impostor,
 * instead of retrying the old name in silence while the impostor posts under it. Bob sees both.
 */
@Timeout(60)
class SquattedNameIT {

    @Test
    void aClientWhoseNameWasTakenWhileAwayIsToldAndComesBackUnderAVisiblyDifferentName() throws Exception {
        ChatServer server = SecurityFixtures.startServer(RoomConfig.defaults().withRateLimit(0, 1)
                .withSessionTimeout(Duration.ofSeconds(2)));
        Wire wire = new Wire(server);
        RecordingConsole console = new RecordingConsole();
        ClientConfig config = ClientConfig.of(new HostPort("127.0.0.1", server.port()), Optional.of("alice"));
        try (Inbox bob = new Inbox(server, "bob"); ChatClient alice = new ChatClient(config, console, wire)) {
            alice.start();
            bob.awaitShown(line -> line.contains("alice joined"));

            wire.cut();
            bob.awaitShown(line -> line.contains("alice left (timed out)"));
            try (TestClient impostor = TestClient.join(SecurityFixtures.lookup(server), "alice")) {
                impostor.send("I am alice");
                assertEquals("alice: I am alice", bob.awaitShown(line -> line.startsWith("alice")));

                wire.restore();
                List<String> before = console.awaitLine("⚠ your name \"alice\" was taken by someone else while you"
                        + " were away; you are \"alice_2\" now");
                assertTrue(before.stream().anyMatch(line -> line.contains("connection lost")), before::toString);

                console.type("the real one");
                assertEquals("alice_2: the real one", bob.awaitShown(line -> line.startsWith("alice_2")));
                impostor.send("still here");
                assertEquals("alice: still here", bob.awaitShown(line -> line.startsWith("alice")));
            }
        } finally {
            server.stop();
        }
    }

    /** The client's way to the server, which the test can cut (every call fails as if refused) and restore. */
    private static final class Wire implements ServiceLookup {
        private final ChatServer server;
        private volatile boolean cut;

        Wire(ChatServer server) {
            this.server = server;
        }

        void cut() {
            cut = true;
        }

        void restore() {
            cut = false;
        }

        @Override
        public ChatService lookup() throws RemoteException, NotBoundException {
            if (cut) throw new ConnectException("wire cut");
            ChatService real;
            try {
                real = SecurityFixtures.lookup(server);
            } catch (RemoteException | NotBoundException e) {
                throw e;
            } catch (Exception e) {
                throw new RemoteException("lookup failed", e);
            }
            return (ChatService) Proxy.newProxyInstance(ChatService.class.getClassLoader(),
                    new Class<?>[] {ChatService.class}, (proxy, method, args) -> {
                        if (cut) throw new ConnectException("wire cut");
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public String describe() {
            return "127.0.0.1:" + server.port();
        }
    }
}
