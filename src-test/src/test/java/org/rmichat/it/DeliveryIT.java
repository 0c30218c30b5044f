package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.SessionClosedException;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The delivery guarantees of docs/architecture.md, over real RMI with the real client. */
@Timeout(60)
class DeliveryIT {

    @Test
    void aLostPollReplyIsFetchedAgainAndShownOnce() throws Exception {
        try (var server = ServerFixture.start();
             var bob = TestClient.join(server.service(), "bob")) {
            var wire = new FaultyWire(server);
            var console = new RecordingConsole();
            try (var alice = new ChatClient(ClientConfig.of(server.address(), Optional.of("alice")), console, wire)) {
                alice.start();
                bob.nextLines(1);   // alice joined

                wire.dropNextReplyWithEvents();
                bob.send("one");
                bob.send("two");
                bob.send("marker");
                List<String> shown = console.awaitLine("bob: marker");

                assertEquals(1, wire.droppedReplies());
                assertEquals(1, Collections.frequency(shown, "bob: one"), shown.toString());
                assertEquals(1, Collections.frequency(shown, "bob: two"), shown.toString());
            }
        }
    }

    @Test
    void aResentLineIsDeliveredOnce() throws Exception {
        try (var server = ServerFixture.start();
             var observer = TestClient.join(server.service(), "observer")) {
            var service = server.service();
            var sender = service.join(new JoinRequest("sender", null));
            observer.nextLines(1);

            var line = new SendRequest(sender.token(), 1, "once");
            service.send(line);
            service.send(line);
            service.send(new SendRequest(sender.token(), 2, "marker"));

            assertEquals(List.of("sender: once", "sender: marker"), observer.nextMessages(2));
        }
    }

    @Test
    void aClientThatFallsBehindIsToldAndRejoinsWhileOthersGetEverything() throws Exception {
        try (var server = ServerFixture.start(RoomConfig.defaults().withRateLimit(0, 1).withMaxQueue(20));
             var bob = TestClient.join(server.service(), "bob");
             var carol = TestClient.join(server.service(), "carol")) {
            bob.nextLines(1);
            var wire = new FaultyWire(server);
            var console = new RecordingConsole();
            try (var slow = new ChatClient(ClientConfig.of(server.address(), Optional.of("slow")), console, wire)) {
                wire.holdPolls();
                slow.start();
                bob.nextLines(1);
                carol.nextLines(1);

                // bob reads each line before the next is sent: on a loaded machine a burst of 30 could
                // overflow his 20-event queue too, and the test is about the one client that stopped reading
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    carol.send("m" + i);
                    while (!seen.contains("carol: m" + i)) seen.addAll(bob.nextLines(1));
                }
                while (!seen.contains("🔴 slow left (too far behind)")) seen.addAll(bob.nextLines(1));
                assertEquals(30, seen.stream().filter(line -> line.startsWith("carol: m")).count(), seen.toString());
                // the eviction is announced when m20 overflows; carol's later lines may be ahead of it in the bus
                assertTrue(seen.indexOf("🔴 slow left (too far behind)") > seen.indexOf("carol: m19"), seen.toString());
                wire.releasePolls();

                console.awaitLine("⚠ disconnected by server: too far behind");
                console.awaitLine("✅ rejoined");   // not left wondering whether it is still cut off
                assertEquals(List.of("🔵 slow joined"), bob.nextLines(1));
                carol.send("after");
                console.awaitLine("carol: after");
            }
        }
    }

    @Test
    void aGracefulShutdownIsAnnouncedThenTheClientReconnects() throws Exception {
        var server = ServerFixture.start();
        int port = server.port();
        var console = new RecordingConsole();
        try (var client = new ChatClient(ClientConfig.of(server.address(), Optional.of("alice")), console)) {
            client.start();
            console.awaitLine("Type messages and press Enter.");

            server.close();
            console.awaitLine("⚠ server is shutting down");
            console.awaitLine("⚠ connection lost, reconnecting…");

            var again = new ChatServer(new ServerConfig(Optional.of(InetAddress.getLoopbackAddress()), port,
                    RoomConfig.defaults())).start();
            try {
                console.awaitLine("✅ reconnected", Duration.ofSeconds(20));
            } finally {
                again.stop();
            }
        }
    }

    @Test
    void theServerEndsAPollOfAnEvictedSessionWithTheReason() throws Exception {
        try (var server = ServerFixture.start(RoomConfig.defaults().withRateLimit(0, 1).withMaxQueue(3));
             var talker = TestClient.join(server.service(), "talker")) {
            var service = server.service();
            var sleeper = service.join(new JoinRequest("sleeper", null));
            for (int i = 0; i < 5; i++) talker.send("m" + i);
            talker.nextLines(1);   // sleeper joined; from then on talker hears of sleeper only its eviction

            assertEquals(List.of("🔴 sleeper left (too far behind)"), talker.nextLines(1));
            var e = assertThrows(SessionClosedException.class,
                    () -> service.poll(new PollRequest(sleeper.token(), 0, 10, 0)));
            assertTrue(e.getMessage().contains("too far behind"));
        }
    }
}
