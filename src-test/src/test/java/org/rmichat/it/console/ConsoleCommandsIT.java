package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;

/** Each chat command typed into a real client, through real RMI to a real server, as the others see it. */
@Timeout(60)
class ConsoleCommandsIT {
    private ChatServer server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults())).start();
        port = server.port();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private static void assertNoneContains(List<String> lines, String text) {
        assertTrue(lines.stream().noneMatch(line -> line.contains(text)), lines + " mention " + text);
    }

    @Test
    void whoListsEveryoneStillHereInJoinOrderWithIdleTimes() throws Exception {
        try (var alice = Participant.join(port, "alice"); var bob = Participant.join(port, "bob")) {
            try (var carol = Participant.join(port, "carol")) {
                alice.awaitLine("🔵 carol joined");
            }
            alice.awaitLine("🔴 carol left");

            alice.type("/who");

            alice.awaitLine("2 in the chat:");
            String first = alice.nextLine();
            String second = alice.nextLine();
            assertTrue(first.matches("  alice \\(you\\)  idle \\d+ s"), first);
            // the idle times line up under each other
            assertTrue(second.matches("  bob {10}idle \\d+ s"), second);
        }
    }

    @Test
    void privateMessageReachesOnlyItsRecipient() throws Exception {
        try (var alice = Participant.join(port, "alice"); var bob = Participant.join(port, "bob");
             var carol = Participant.join(port, "carol")) {
            alice.awaitLine("🔵 carol joined");

            alice.type("/msg BOB psst, a secret");
            alice.type("and now for everyone");

            alice.awaitLine("→ BOB: psst, a secret");
            List<String> bobSaw = bob.awaitLine("alice: and now for everyone");
            assertTrue(bobSaw.contains("[private] alice: psst, a secret"), bobSaw.toString());
            // the public line came after the private one through the same order, so carol was passed over
            assertNoneContains(carol.awaitLine("alice: and now for everyone"), "secret");
        }
    }

    @Test
    void privateMessageToSomeoneAbsentIsRefusedClearly() throws Exception {
        try (var alice = Participant.join(port, "alice")) {
            alice.type("/msg nobody hello?");

            alice.awaitLine("⚠ not sent: no one called \"nobody\" is in the chat");
        }
    }

    @Test
    void nickIsAnnouncedToEveryoneAndNamesStayUnique() throws Exception {
        try (var alice = Participant.join(port, "alice"); var bob = Participant.join(port, "bob")) {
            alice.awaitLine("🔵 bob joined");

            alice.type("/nick alicia");
            bob.awaitLine("✏ alice is now known as alicia");
            alice.awaitLine("✏ alice is now known as alicia");

            bob.type("/nick ALICIA");
            bob.awaitLine("⚠ not renamed: name \"ALICIA\" is taken");
            bob.type("/nick bad name!");
            bob.awaitLine("⚠ not renamed: invalid name \"bad name!\": use 1-24 letters, digits, _ or -");

            alice.type("hello as alicia");
            bob.awaitLine("alicia: hello as alicia");
            bob.type("still bob");
            alice.awaitLine("bob: still bob");
        }
    }

    @Test
    void meShowsAnActionToTheOthersOnly() throws Exception {
        try (var alice = Participant.join(port, "alice"); var bob = Participant.join(port, "bob")) {
            alice.awaitLine("🔵 bob joined");

            alice.type("/me waves");
            bob.awaitLine("* alice waves");
            bob.type("marker");

            assertNoneContains(alice.awaitLine("bob: marker"), "waves");
        }
    }

    @Test
    void unknownCommandPrintsOneLineOfHelpAndSendsNothing() throws Exception {
        try (var alice = Participant.join(port, "alice"); var bob = Participant.join(port, "bob")) {
            alice.awaitLine("🔵 bob joined");

            alice.type("/frobnicate now");
            alice.type("marker");

            assertEquals("⚠ unknown command /frobnicate; commands: /msg /me /nick /who /whois /away /join /part /switch /rooms /list /topic /history /clear /help /quit",
                    alice.nextLine());
            assertNoneContains(bob.awaitLine("alice: marker"), "frobnicate");
        }
    }

    @Test
    void doubleSlashSendsALineThatStartsWithASlash() throws Exception {
        try (var alice = Participant.join(port, "alice"); var bob = Participant.join(port, "bob")) {
            alice.awaitLine("🔵 bob joined");

            alice.type("//usr/bin is where it lives");

            bob.awaitLine("alice: /usr/bin is where it lives");
        }
    }
}
