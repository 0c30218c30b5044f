package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * Limits over real RMI: a client that ignores the rate limit is refused, others go on, and the real client paces
 * piped text to the limit the server announced, so every line arrives, in order. An overlong line is reported
 * to its sender in one line and the client goes on.
 */
@Timeout(30)
class InputLimitsIT {
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = SecurityFixtures.startServer(RoomConfig.defaults().withRateLimit(10, 5));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void pipedLinesAllArriveInOrderWhileAFlooderIsRefused() throws Exception {
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            for (int i = 1; i <= 40; i++) alice.type("line " + i);   // four times the rate, eight times the burst

            ChatService service = SecurityFixtures.lookup(server);
            Session eve = service.join(new JoinRequest("eve", null));
            for (int seq = 1; seq <= 5; seq++) service.send(new SendRequest(eve.token(), seq, "flood " + seq));
            RateLimitedException e = assertThrows(RateLimitedException.class,
                    () -> service.send(new SendRequest(eve.token(), 6, "flood 6")));
            assertEquals("slow down: rate limit", e.getMessage());

            List<String> received = new ArrayList<>();
            while (received.size() < 40) received.add(bob.awaitShown(line -> line.startsWith("alice: ")));

            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 40; i++) expected.add("alice: line " + i);
            assertEquals(expected, received);
            // nothing was dropped or reported to alice: a "⚠ not sent" line would be in her console
            alice.type("/who");
            alice.awaitShown(line -> line.endsWith("in the chat:"));
            assertEquals(List.of(), alice.shown.stream().filter(line -> line.startsWith("⚠")).toList());
            service.leave(eve.token());
        }
    }

    @Test
    void overlongLinesAreReportedAndTheClientGoesOn() throws Exception {
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            alice.type("x".repeat(2_001));
            alice.type("y".repeat(100_000));   // too big for the server even to read: refused before it is sent
            alice.type("after");

            assertEquals("⚠ not sent: message too long: 2001 characters, limit 2000",
                    alice.awaitShown(line -> line.startsWith("⚠")));
            assertEquals("⚠ not sent: message too long: 100000 characters, limit 2000",
                    alice.awaitShown(line -> line.startsWith("⚠")));
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
        }
    }
}
