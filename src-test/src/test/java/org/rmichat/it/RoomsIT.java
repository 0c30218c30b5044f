package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rooms through the real jars: piped clients on one server, and on two servers sharing a real Redis. */
@Timeout(120)
class RoomsIT {

    @Test
    void linesStayInTheirRoomTheTopicIsShownOnJoinAndTheLobbyLooksAsAlways() throws Exception {
        try (var server = JarProcess.startServer()) {
            String address = "127.0.0.1:" + server.listeningPort();
            try (var dave = client(address, "dave");
                 var alice = client(address, "alice");
                 var bob = client(address, "bob")) {
                dave.awaitLine("Type messages and press Enter.");
                alice.awaitLine("Type messages and press Enter.");
                bob.awaitLine("Type messages and press Enter.");
                alice.type("/join #dev");
                alice.awaitLine("💬 Joined #dev (1 person); lines you type go there (/switch to change)");
                alice.type("/topic release on Friday");
                alice.awaitLine("📌 #dev: release on Friday (set by alice)");
                bob.type("/join #DEV");
                bob.awaitLine("📌 #dev: release on Friday");
                alice.awaitLine("🔵 bob joined #dev");

                alice.type("only for dev");
                assertEquals(List.of(), bob.awaitLine("alice: only for dev").stream()
                        .filter(line -> line.contains("only for dev")).toList());
                bob.type("/switch #lobby");
                bob.awaitLine("➡ lines you type go to #lobby");
                alice.type("dev again");
                bob.awaitLine("[#dev] alice: dev again");
                bob.type("in the lobby");

                // dave never typed a room command: the lines he sees are those of before rooms
                List<String> daveSaw = dave.awaitLine("bob: in the lobby");
                assertTrue(daveSaw.stream().allMatch(line -> line.matches("🔵 (alice|bob) joined")),
                        "nothing of #dev reached dave: " + daveSaw);
                alice.awaitLine("[#lobby] bob: in the lobby");
            }
        }
    }

    @Test
    void roomsPrivateLinesAndAFailOverWorkAcrossTwoServers() throws Exception {
        try (var redis = RedisServerFixture.start();
             var s1 = clustered(redis);
             var s2 = clustered(redis)) {
            int p1 = s1.listeningPort();
            int p2 = s2.listeningPort();
            try (var alice = client("127.0.0.1:" + p1 + ",127.0.0.1:" + p2, "alice");
                 var bob = client("127.0.0.1:" + p2, "bob")) {
                alice.awaitLine("Type messages and press Enter.");
                bob.awaitLine("Type messages and press Enter.");
                alice.type("/join #dev");
                alice.awaitLine("💬 Joined #dev (1 person); lines you type go there (/switch to change)");
                bob.type("/join #dev");
                bob.awaitLine("💬 Joined #dev (2 people); lines you type go there (/switch to change)");
                alice.awaitLine("🔵 bob joined #dev");
                bob.type("/list");
                bob.awaitLine("2 rooms:");
                assertEquals(List.of("  #dev  2 people", "  #lobby  2 people"), List.of(bob.nextLine(), bob.nextLine()));
                alice.type("/msg bob from another server");
                bob.awaitLine("[private] alice: from another server");

                s1.kill();
                alice.awaitLine("✅ reconnected");
                bob.type("still in dev?");
                List<String> aliceSaw = alice.awaitLine("bob: still in dev?");
                alice.type("yes");
                List<String> bobSaw = bob.awaitLine("alice: yes");
                assertTrue(bobSaw.stream().noneMatch(line -> line.contains("#dev") && line.contains("alice")),
                        "no leave or join noise for a fail-over: " + bobSaw);
                assertTrue(aliceSaw.stream().noneMatch(line -> line.contains("bob joined")), aliceSaw.toString());
            }
        }
    }

    private static JarProcess client(String servers, String name) throws Exception {
        return JarProcess.start(JarProcess.clientJar(), "--server", servers, "--name", name);
    }

    private static JarProcess clustered(RedisServerFixture redis) throws Exception {
        return JarProcess.startServer("--redis", redis.uri().toString(), "--session-timeout", "5s",
                "--rate-limit", "0");
    }
}
