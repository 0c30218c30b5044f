package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.rmi.ConnectionLimits;
import org.rmichat.server.rmi.FloodLimits;

/**
 * Per-session limits multiply with sessions; these do not. An attacker on another address (127.0.0.2; the honest
 * people are on 127.0.0.1) churning joins and leaves is held to its address's presence budget, and one flooding
 * lines from many sessions at once to its fair part of the server's lines, while alice's lines reach bob, all and
 * in order, during the flood.
 */
@Timeout(60)
class FloodIT {
    private static final String ATTACKER = "127.0.0.2";

    @Test
    void joinAndLeaveChurnFromOneAddressIsHeldToItsPresenceBudget() throws Exception {
        FloodLimits limits = new FloodLimits(5, 10, 100, 1_000, 0, 1);
        ChatServer server = start(limits);
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            ChatService attacker = HostileStubs.via(SecurityFixtures.lookup(server), from(ATTACKER));
            int joined = 0;
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                try {
                    Session churn = attacker.join(new JoinRequest("churn" + i, null));
                    joined++;
                    attacker.leave(churn.token());
                } catch (ChatUnavailableException e) {
                    refused++;
                }
                if (i % 50 == 0) alice.type("during " + i);
            }
            for (int i = 0; i < 200; i += 50) {
                assertEquals("alice: during " + i, bob.awaitShown(line -> line.startsWith("alice: ")));
            }
            // a burst of 10 and 5 a second, each visit a join and a leave: a few dozen at most, never 200
            assertTrue(refused > 100, "joined " + joined + ", refused " + refused);
            alice.type("after");
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
        } finally {
            server.stop();
        }
    }

    @Test
    void aLineFloodFromManySessionsOfOneAddressLeavesTheOthersTheirShare() throws Exception {
        FloodLimits limits = new FloodLimits(0, 1, 0, 1, 40, 40);
        ChatServer server = start(limits);
        ExecutorService flooders = Executors.newFixedThreadPool(4, named("flooder"));
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            ChatService attacker = HostileStubs.via(SecurityFixtures.lookup(server), from(ATTACKER));
            List<Future<?>> floods = new ArrayList<>();
            for (int f = 0; f < 4; f++) {
                List<Session> sessions = new ArrayList<>();
                for (int s = 0; s < 10; s++) sessions.add(attacker.join(new JoinRequest("flood" + f + "x" + s, null)));
                floods.add(flooders.submit(() -> {
                    long seq = 0;
                    while (flooding.get()) {
                        seq++;
                        for (Session session : sessions) {
                            try {
                                attacker.send(new SendRequest(session.token(), seq, "spam " + seq));
                                accepted.incrementAndGet();
                            } catch (RateLimitedException e) {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }

            for (int i = 1; i <= 20; i++) alice.type("honest " + i);
            for (int i = 1; i <= 20; i++) {
                assertEquals("alice: honest " + i, bob.awaitShown(line -> line.startsWith("alice: ")));
            }
            flooding.set(false);
            for (Future<?> flood : floods) flood.get(SecurityFixtures.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(refused.get() > 0, "the flood went through whole: " + accepted + " lines");
            alice.type("after");
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
        } finally {
            flooding.set(false);
            flooders.shutdownNow();
            assertTrue(flooders.awaitTermination(10, TimeUnit.SECONDS), "flooders did not stop");
            server.stop();
        }
    }

    private static ChatServer start(FloodLimits limits) throws Exception {
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1).withSessionTimeout(Duration.ofSeconds(30));
        return new ChatServer(ServerConfig.loopback(room)
                .withConnectionLimits(ConnectionLimits.defaults().withFlood(limits))).start();
    }

    /** Client sockets from {@code address}: another client machine, as far as the server can tell. */
    private static RMIClientSocketFactory from(String address) {
        return (host, port) -> {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        };
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }
}
