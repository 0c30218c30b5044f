package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.Socket;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.SendRequest;
import org.rmichat.api.SessionToken;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * Bytes per call are counted on the socket, before anything is deserialized: a call bigger than the largest
 * legal request is cut off after the limit instead of being read whole, on the service and on the registry
 * sharing its port, and the people chatting meanwhile lose nothing.
 */
@Timeout(60)
class CallSizeIT {
    private static final int FIFTY_MB = 50_000_000;

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
    void aFiftyMegabyteStringIsRefusedWithoutBeingReadWhole() throws Exception {
        CountingSockets sockets = new CountingSockets();
        // the registry's stub is made here, so its connections are ours to count; lookup takes one String
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", server.port(), sockets);

        assertThrows(RemoteException.class, () -> registry.lookup("x".repeat(FIFTY_MB)));

        // what loopback socket buffers hold is a few MB; reading the string whole would have taken all 50
        assertTrue(sockets.written.get() < FIFTY_MB / 2, "the server took " + sockets.written + " bytes");
        assertEquals(List.of(ChatService.REGISTRY_NAME), List.of(registry.list()));
    }

    @Test
    void parallelHugeJoinsAreRefusedWhileTwoPeopleTalk() throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(4, counted("huge-join"));
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            ChatService service = SecurityFixtures.lookup(server);
            String huge = "y".repeat(FIFTY_MB);
            List<Future<Exception>> joins = new ArrayList<>();
            for (int i = 0; i < 4; i++) joins.add(attackers.submit(() -> refusal(service, huge)));
            for (int i = 1; i <= 10; i++) alice.type("during " + i);

            for (Future<Exception> join : joins) {
                Exception outcome = join.get(30, TimeUnit.SECONDS);
                // read whole, the text would have reached the room and its "unknown session" (a ChatException)
                assertTrue(outcome instanceof RemoteException, "not cut off by the transport: " + outcome);
            }
            alice.type("after");
            for (int i = 1; i <= 10; i++) {
                String expected = "alice: during " + i;
                assertEquals(expected, bob.awaitShown(line -> line.startsWith("alice: ")));
            }
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
        } finally {
            attackers.shutdownNow();
            assertTrue(attackers.awaitTermination(10, TimeUnit.SECONDS), "attackers did not stop");
        }
    }

    private static Exception refusal(ChatService service, String huge) {
        try {
            // a line's text is bounded by the room's limit, not by its record: the transport must cut it off
            service.send(new SendRequest(new SessionToken(1, 2), 1, huge));
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static java.util.concurrent.ThreadFactory counted(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }

    /** Plain client sockets that count every byte the client manages to hand to the kernel. */
    static final class CountingSockets implements RMIClientSocketFactory, Serializable {
        final transient AtomicLong written = new AtomicLong();

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(host, port) {
                @Override
                public OutputStream getOutputStream() throws IOException {
                    return new FilterOutputStream(super.getOutputStream()) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                            written.addAndGet(len);
                        }
                    };
                }
            };
        }
    }
}
