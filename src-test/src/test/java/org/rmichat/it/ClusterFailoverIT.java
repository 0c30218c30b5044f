package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.rmi.registry.LocateRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;

/**
 * kill -9 of one server of three, each a real process on one real Redis: its clients fail over without
 * loss, echo or noise, and a user who was only there is announced as left exactly once in the cluster.
 */
@Timeout(90)
class ClusterFailoverIT {

    @Test
    void theClientsOfAKilledServerFailOverAndNothingIsLostDoubledOrEchoed() throws Exception {
        try (var redis = RedisServerFixture.start();
             var s1 = server(redis);
             var s2 = server(redis);
             var s3 = server(redis)) {
            int p1 = s1.listeningPort();
            int p2 = s2.listeningPort();
            int p3 = s3.listeningPort();
            try (var lonely = TestClient.join(service(p1), "lonely");
                 var obs2 = TestClient.join(service(p2), "obs2");
                 var obs3 = TestClient.join(service(p3), "obs3");
                 var mover = JarProcess.start(JarProcess.clientJar(), "--name", "mover",
                         "--server", "127.0.0.1:" + p1 + ",127.0.0.1:" + p2 + ",127.0.0.1:" + p3)) {
                mover.awaitLine("Type messages and press Enter.");
                assertEquals(List.of("🔵 obs3 joined", "🔵 mover joined"), obs2.nextLines(2));
                assertEquals(List.of("🔵 mover joined"), obs3.nextLines(1));
                obs2.send("before");
                mover.awaitLine("obs2: before");

                s1.kill();
                obs2.send("while you were away");
                mover.awaitLine("⚠ connection lost, reconnecting…");
                mover.type("typed during fail-over");
                mover.awaitLine("✅ reconnected");
                mover.type("marker");

                // the others: each of mover's lines once, then lonely's leave once, and no noise about mover
                List<String> seenBy2 = obs2.nextLinesSkippingNotices(3);
                assertEquals(List.of("mover: typed during fail-over", "mover: marker", "🔴 lonely left (timed out)"),
                        seenBy2);
                assertEquals(List.of("obs2: before", "obs2: while you were away", "mover: typed during fail-over",
                        "mover: marker", "🔴 lonely left (timed out)"), obs3.nextLinesSkippingNotices(5));
                obs3.send("after");
                // obs3's line is the next thing obs2 sees: no second leave of lonely, no left/joined of mover
                assertEquals(List.of("obs3: after"), obs2.nextLinesSkippingNotices(1));

                // mover: the line sent while it was away arrived once, and none of its own lines came back
                List<String> moverSaw = new ArrayList<>(mover.awaitLine("obs3: after"));
                assertEquals(1, moverSaw.stream().filter("obs2: while you were away"::equals).count(),
                        String.valueOf(moverSaw));
                assertTrue(moverSaw.stream().noneMatch(line -> line.startsWith("mover:")), String.valueOf(moverSaw));
            }
        }
    }

    @Test
    void theClientsOfAStoppedServerSayItStoppedAnsweringAndFailOver() throws Exception {
        try (var redis = RedisServerFixture.start();
             var s1 = JarProcess.startServer("--redis", redis.uri().toString(), "--rate-limit", "0");
             var s2 = JarProcess.startServer("--redis", redis.uri().toString(), "--rate-limit", "0")) {
            int p2 = s2.listeningPort();
            try (var obs = TestClient.join(service(p2), "obs");
                 var mover = JarProcess.start(JarProcess.clientJar(), "--name", "mover",
                         "--server", "127.0.0.1:" + s1.listeningPort() + ",127.0.0.1:" + p2)) {
                mover.awaitLine("Type messages and press Enter.");
                obs.send("before");
                mover.awaitLine("obs: before");

                // SIGSTOP: the connection stays open and nothing comes, as from a frozen machine; the keep-alives
                // stop, so the client tells it and moves on well before RMI's 30 s response timeout
                s1.pause();
                try {
                    mover.awaitLine("⚠ the server has said nothing for 6 s");
                    mover.awaitLine("✅ reconnected");
                    obs.send("after");
                    List<String> seen = mover.awaitLine("obs: after");
                    assertTrue(seen.stream().noneMatch("obs: before"::equals), String.valueOf(seen));
                } finally {
                    s1.resume();
                }
            }
        }
    }

    @Test
    void aClientFailingOverIsNotShownPrivateLinesOfOthersButTheAddresseeIs() throws Exception {
        try (var redis = RedisServerFixture.start();
             var s1 = server(redis);
             var s2 = server(redis)) {
            int p2 = s2.listeningPort();
            String servers = "127.0.0.1:" + s1.listeningPort() + ",127.0.0.1:" + p2;
            try (var bob = TestClient.join(service(p2), "bob");
                 var carol = TestClient.join(service(p2), "carol");
                 var alice = JarProcess.start(JarProcess.clientJar(), "--name", "alice", "--server", servers)) {
                alice.awaitLine("Type messages and press Enter.");
                bob.send("before");
                alice.awaitLine("bob: before");

                // alice stands still while her server dies and bob writes to carol: she resumes on s2 after
                // both lines, so what she missed comes to her as a replay
                alice.pause();
                s1.kill();
                bob.sendPrivately("carol", "for carol only");
                bob.send("marker");
                List<String> carolSaw = new ArrayList<>();
                while (!carolSaw.contains("bob: marker")) carolSaw.addAll(carol.nextLinesSkippingNotices(1));
                assertEquals(1, carolSaw.stream().filter("[private] bob: for carol only"::equals).count(),
                        carolSaw.toString());
                alice.resume();

                List<String> aliceSaw = alice.awaitLine("bob: marker");
                assertTrue(aliceSaw.stream().noneMatch(line -> line.contains("for carol only")), aliceSaw.toString());
            }
        }
    }

    private static JarProcess server(RedisServerFixture redis) throws Exception {
        return JarProcess.startServer("--redis", redis.uri().toString(), "--session-timeout", "3s",
                "--rate-limit", "0");
    }

    private static ChatService service(int port) throws Exception {
        return (ChatService) LocateRegistry.getRegistry("127.0.0.1", port).lookup(ChatService.REGISTRY_NAME);
    }
}
