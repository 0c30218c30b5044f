package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Faults that only real processes have: SIGKILL, SIGTERM, a server restarting under a running client. */
@Timeout(90)
class ProcessFaultsIT {

    @Test
    void aKilledClientIsAnnouncedAsTimedOut() throws Exception {
        RoomConfig shortLease = RoomConfig.defaults().withSessionTimeout(Duration.ofSeconds(2));
        try (var server = ServerFixture.start(shortLease);
             var observer = TestClient.join(server.service(), "observer");
             var victim = JarProcess.start(JarProcess.clientJar(), "--server", server.address().toString(),
                     "--name", "victim")) {
            victim.awaitLine("Type messages and press Enter.");
            assertEquals(List.of("🔵 victim joined"), observer.nextLines(1));

            victim.kill();

            assertEquals(List.of("🔴 victim left (timed out)"), observer.nextLines(1));
        }
    }

    @Test
    void aClientAsleepPastTheSessionTimeoutComesBackAndSaysSo() throws Exception {
        RoomConfig shortLease = RoomConfig.defaults().withSessionTimeout(Duration.ofSeconds(2));
        try (var server = ServerFixture.start(shortLease);
             var observer = TestClient.join(server.service(), "observer");
             var sleeper = JarProcess.start(JarProcess.clientJar(), "--server", server.address().toString(),
                     "--name", "sleeper")) {
            sleeper.awaitLine("Type messages and press Enter.");
            assertEquals(List.of("🔵 sleeper joined"), observer.nextLines(1));

            sleeper.pause();   // a laptop lid closed
            assertEquals(List.of("🔴 sleeper left (timed out)"), observer.nextLines(1));
            sleeper.resume();

            // told why, then told it is back, rather than left wondering whether anyone still hears it
            sleeper.awaitLine("⚠ disconnected by server: session timed out");
            sleeper.awaitLine("✅ rejoined");
            assertEquals(List.of("🔵 sleeper joined"), observer.nextLines(1));
            sleeper.type("awake again");
            assertEquals(List.of("sleeper: awake again"), observer.nextLines(1));
        }
    }

    @Test
    void anInterruptedClientLeavesAtOnce() throws Exception {
        try (var server = ServerFixture.start();
             var observer = TestClient.join(server.service(), "observer");
             var client = JarProcess.start(JarProcess.clientJar(), "--server", server.address().toString(),
                     "--name", "quitter")) {
            client.awaitLine("Type messages and press Enter.");
            observer.nextLines(1);

            client.terminate();   // what Ctrl-C does: the shutdown hook leaves

            assertEquals(List.of("🔴 quitter left"), observer.nextLines(1));
            assertEquals(0, client.awaitExit(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aClientSurvivesAServerRestartAndSendsWhatWasTypedMeanwhileOnce() throws Exception {
        var first = ServerFixture.start();
        int port = first.port();
        try (var client = JarProcess.start(JarProcess.clientJar(), "--server", "127.0.0.1:" + port,
                "--name", "survivor")) {
            client.awaitLine("Type messages and press Enter.");
            first.close();
            client.awaitLine("⚠ connection lost, reconnecting…");
            client.type("typed while away");

            // the observer is in the new server before it opens its port, so it cannot miss the resend
            var second = new ChatServer(new ServerConfig(Optional.of(InetAddress.getLoopbackAddress()), port,
                    RoomConfig.defaults()));
            var observer = second.room().join(new JoinRequest("observer", null));
            second.start();
            try {
                client.awaitLine("✅ reconnected");
                client.type("marker");
                List<String> lines = new ArrayList<>();
                long ack = 0;
                while (!lines.contains("survivor: marker")) {
                    PollResult batch = second.room().poll(new PollRequest(observer.token(), ack, 100, 5_000));
                    assertTrue(!batch.isEmpty(), "nothing more arrived; so far " + lines);
                    for (ChatEvent e : batch.events()) {
                        if (e instanceof MessagePosted m) lines.add(m.name() + ": " + m.text());
                    }
                    ack = batch.lastSeq();
                }
                assertEquals(List.of("survivor: typed while away", "survivor: marker"), lines);
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void endOfInputWhileTheServerIsAwayLeavesAtOnceWithExitCodeZero() throws Exception {
        try (var server = JarProcess.startServer();
             var client = JarProcess.start(JarProcess.clientJar(), "--server", "127.0.0.1:" + server.listeningPort())) {
            client.awaitLine("Type messages and press Enter.");
            server.kill();
            client.awaitLine("⚠ connection lost, reconnecting…");

            client.type("/who");
            client.awaitLine("⚠ not connected; /who will work again after reconnecting");
            client.type("lost line");
            client.closeInput();   // Ctrl-D

            client.awaitLine("⚠ left while not connected; 1 line was not sent");
            assertEquals(0, client.awaitExit(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aClientGivesUpAfterTheReconnectTimeoutWithExitCodeOne() throws Exception {
        try (var server = JarProcess.startServer();
             var client = JarProcess.start(JarProcess.clientJar(), "--server", "127.0.0.1:" + server.listeningPort(),
                     "--reconnect-timeout", "2")) {
            client.awaitLine("Type messages and press Enter.");

            server.kill();

            client.awaitLine("⚠ connection lost, reconnecting…");
            assertEquals(1, client.awaitExit(Duration.ofSeconds(20)));
            String err = String.join("\n", client.stderrSoFar());
            assertTrue(err.contains("gave up after 2 s"), err);
        }
    }

    @Test
    void sigtermAnnouncesShutdownAndExitsZero() throws Exception {
        try (var server = JarProcess.startServer();
             var client = JarProcess.start(JarProcess.clientJar(), "--server", "127.0.0.1:" + server.listeningPort())) {
            client.awaitLine("Type messages and press Enter.");

            server.terminate();

            client.awaitLine("⚠ server is shutting down");
            assertEquals(0, server.awaitExit(Duration.ofSeconds(10)));
            client.awaitLine("⚠ connection lost, reconnecting…");
        }
    }

    @Test
    void aServerThatNeverAnswersDoesNotHangTheClient() throws Exception {
        try (var blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> swallow(blackHole), "black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
            try (var client = JarProcess.start(JarProcess.clientJar(),
                    List.of("-Dsun.rmi.transport.tcp.handshakeTimeout=1000",
                            "-Dsun.rmi.transport.tcp.responseTimeout=1000"),
                    "--server", "127.0.0.1:" + blackHole.getLocalPort())) {
                assertEquals(1, client.awaitExit(Duration.ofSeconds(20)));
                assertTrue(client.stderrSoFar().get(0).startsWith("cannot reach chat server at 127.0.0.1:"));
            }
        }
    }

    @Test
    void theFirstJoinMovesOnToTheNextServerOfTheListWhenOneIsDown() throws Exception {
        int dead = freePort();
        try (var server = ServerFixture.start();
             var observer = TestClient.join(server.service(), "observer");
             var client = JarProcess.start(JarProcess.clientJar(), "--name", "traveller",
                     "--server", "127.0.0.1:" + dead + "," + server.address())) {
            client.awaitLine("Type messages and press Enter.");

            assertEquals(List.of("🔵 traveller joined"), observer.nextLines(1));
        }
    }

    @Test
    void aClientThatReachesNoServerOfItsListNamesEveryOneTried() throws Exception {
        int first = freePort();
        int second = freePort();
        try (var client = JarProcess.start(JarProcess.clientJar(),
                "--server", "127.0.0.1:" + first + ",127.0.0.1:" + second)) {
            assertEquals(1, client.awaitExit(Duration.ofSeconds(20)));
            String err = client.stderrSoFar().get(0);
            assertTrue(err.startsWith("cannot reach chat server at 127.0.0.1:" + first + ", 127.0.0.1:" + second
                    + ": "), err);
        }
    }

    @Test
    void aServerThatCannotReachItsRedisSaysSoAndExitsOne() throws Exception {
        int dead = freePort();
        try (var server = JarProcess.start(JarProcess.serverJar(), "--bind", "127.0.0.1", "--port", "0",
                "--redis", "redis://127.0.0.1:" + dead)) {
            assertEquals(1, server.awaitExit(Duration.ofSeconds(30)));
            String err = String.join("\n", server.stderrSoFar());
            assertTrue(err.contains("cannot reach Redis at redis://127.0.0.1:" + dead + ": "), err);
        }
    }

    /** A port nothing listens on (free a moment ago), so a connection to it is refused. */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Accepts connections and never writes a byte, like a host that hung after accepting. */
    private static void swallow(ServerSocket socket) {
        List<Socket> held = new ArrayList<>();
        try {
            while (true) held.add(socket.accept());
        } catch (IOException e) {
            held.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a socket we only held open
                }
            });
        }
    }
}
