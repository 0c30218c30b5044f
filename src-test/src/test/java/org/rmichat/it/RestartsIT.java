package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.rmi.registry.LocateRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.Notice;

/**
 * What a position means after the history it came from is gone, through real processes: a server killed and
 * started again on the same port, and Redis restarted empty under two servers. The clients that were there
 * must see new lines at once, not after as many lines as they had seen before.
 */
@Timeout(120)
class RestartsIT {
    private static final String RESTARTED = "⚠ " + Notice.CHAT_RESTARTED;

    @Test
    void afterAKill9AndARestartTheClientsThatWereThereExchangeNewLinesAtOnce() throws Exception {
        JarProcess first = JarProcess.startServer();
        int port = first.listeningPort();
        String address = "127.0.0.1:" + port;
        try (var alice = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "alice")) {
            alice.awaitLine("Type messages and press Enter.");
            afterBobJoined(alice, address, port, first);
        } finally {
            first.close();
        }
    }

    private static void afterBobJoined(JarProcess alice, String address, int port, JarProcess first)
            throws Exception {
        try (var bob = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "bob")) {
            bob.awaitLine("Type messages and press Enter.");
            alice.awaitLine("🔵 bob joined");
            for (int i = 1; i <= 40; i++) bob.type("line " + i);
            alice.awaitLine("bob: line 40");

            first.kill();
            alice.awaitLine("⚠ connection lost, reconnecting…");
            try (var again = JarProcess.startServer(port)) {
                alice.awaitLine("✅ reconnected");
                alice.awaitLine(RESTARTED);
                bob.awaitLine("✅ reconnected");
                bob.type("after the restart");
                alice.awaitLine("bob: after the restart");
                alice.type("and back");
                bob.awaitLine("alice: and back");
            }
        }
    }

    @Test
    void afterRedisComesBackEmptyAClientThatFailedOverLosesNothingNew() throws Exception {
        try (var redis = RedisServerFixture.start();
             var s1 = clustered(redis);
             var s2 = clustered(redis)) {
            int p1 = s1.listeningPort();
            int p2 = s2.listeningPort();
            try (var obs = TestClient.join(service(p2), "obs");
                 var mover = JarProcess.start(JarProcess.clientJar(), "--name", "mover",
                         "--server", "127.0.0.1:" + p1 + ",127.0.0.1:" + p2)) {
                mover.awaitLine("Type messages and press Enter.");
                for (int i = 1; i <= 40; i++) obs.send("line " + i);
                mover.awaitLine("obs: line 40");

                s1.kill();
                mover.awaitLine("✅ reconnected");
                obs.send("on the second server");
                mover.awaitLine("obs: on the second server");

                redis.restartEmpty();
                obs.send("after the reset");   // held by the server until Redis is back, then appended

                List<String> before = mover.awaitLine("obs: after the reset");
                assertTrue(before.stream().noneMatch(line -> line.startsWith("obs: line")), before.toString());
                mover.type("still here");
                assertEquals(List.of("mover: still here"), obs.nextMessagesFrom("mover", 1));
            }
        }
    }

    private static JarProcess clustered(RedisServerFixture redis) throws Exception {
        return JarProcess.startServer("--redis", redis.uri().toString(), "--session-timeout", "5s",
                "--rate-limit", "0");
    }

    private static ChatService service(int port) throws Exception {
        return (ChatService) LocateRegistry.getRegistry("127.0.0.1", port).lookup(ChatService.REGISTRY_NAME);
    }
}
