package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /away, /who, /whois and a private line to someone away, typed into the real client jars on one server. */
@Timeout(90)
class AwayJarsIT {

    @Test
    void awayIsShownInWhoWhoisAndToWhoeverWritesPrivately() throws Exception {
        try (var server = JarProcess.startServer()) {
            String address = "127.0.0.1:" + server.listeningPort();
            try (var alice = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "alice")) {
                alice.awaitLine("💬 Joined chat as alice");   // before bob starts: /who lists in joining order
                try (var bob = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "bob")) {
                    bob.awaitLine("💬 Joined chat as bob");

                    alice.type("/away   out to lunch ");
                    alice.awaitLine("💤 you are away: out to lunch");

                    bob.type("/who");
                    bob.awaitLine("2 in the chat:");
                    String aliceLine = bob.nextLine();
                    String bobLine = bob.nextLine();
                    // the away text follows the idle column, which stays where it was
                    assertTrue(aliceLine.matches("  alice {6}idle \\d+ s +\\(away: out to lunch\\)"), aliceLine);
                    assertTrue(bobLine.matches("  bob \\(you\\)  idle \\d+ s"), bobLine);

                    bob.type("/whois ALICE");
                    bob.awaitLine("👤 alice");
                    assertTrue(bob.nextLine().matches("  joined  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));
                    assertTrue(bob.nextLine().matches("  idle    \\d+ s"));
                    assertEquals("  away    out to lunch", bob.nextLine());
                    assertEquals("  rooms   #lobby", bob.nextLine(), "a server alone names no server");

                    bob.type("/msg alice are you there?");
                    bob.awaitLineContaining("alice is away: out to lunch");
                    alice.awaitLine("[private] bob: are you there?");

                    alice.type("/away");
                    alice.awaitLine("✅ you are back");
                    bob.type("/whois alice");
                    bob.awaitLine("  away    no");

                    bob.type("/whois carol");
                    bob.awaitLine("⚠ no one called \"carol\" is in the chat");

                    bob.type("/quit");
                    assertEquals(0, bob.awaitExit(Duration.ofSeconds(15)));
                }
            }
        }
    }
}
