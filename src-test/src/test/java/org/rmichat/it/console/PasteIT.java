package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.client.DisplayOptions;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;

/** A paste of several lines into the line editor, as a terminal with bracketed paste sends it. */
@Timeout(60)
class PasteIT {
    // 5 a second, bursts of 3: a paste of 6 lines outruns it, and the test still ends in about a second
    private static final RoomConfig SLOW = RoomConfig.defaults().withRateLimit(5, 3);
    private ChatServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new ChatServer(ServerConfig.loopback(SLOW)).start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    /** What xterm sends for a paste while the application asked for bracketed paste; the lines end in CR. */
    private static String paste(List<String> lines) {
        return "\u001B[200~" + String.join("\r", lines) + "\r\u001B[201~";
    }

    private static List<String> numbered(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) lines.add("paste line " + i);
        return lines;
    }

    @Test
    void eachPastedLineGoesOutAsItsOwnLineInOrder() throws Exception {
        try (var bob = Participant.join(server.port(), "bob");
             var alice = TerminalParticipant.join(server.port(), "alice", DisplayOptions.plain())) {
            bob.awaitLine("🔵 alice joined");

            alice.type(paste(numbered(3)) + "\r");

            assertEquals(List.of(), bob.awaitLine("alice: paste line 1"));
            assertEquals("alice: paste line 2", bob.nextLine());
            assertEquals("alice: paste line 3", bob.nextLine());
        }
    }

    @Test
    void aPasteOfMoreThanFiveLinesIsSentOnlyOnceConfirmed() throws Exception {
        try (var bob = Participant.join(server.port(), "bob");
             var alice = TerminalParticipant.join(server.port(), "alice", DisplayOptions.plain())) {
            bob.awaitLine("🔵 alice joined");

            alice.type(paste(numbered(6)) + "\r");
            int asked = alice.awaitText("send 6 pasted lines? [y/N] ", 0);
            alice.type("n\r");
            alice.awaitText("⚠ the 6 pasted lines were not sent", asked);
            assertTrue(!alice.screen().text().contains("alice: paste line"), "a refused paste is not shown as sent");
            alice.type("after the refused paste\r");
            // nothing of the refused paste came before this line
            assertEquals(List.of(), bob.awaitLine("alice: after the refused paste"));

            alice.type(paste(numbered(7)) + "\r");
            asked = alice.awaitText("send 7 pasted lines? [y/N] ", asked + 1);
            alice.type("y\r");

            List<String> received = new ArrayList<>();
            for (int i = 0; i < 7; i++) received.add(bob.nextLine());
            assertEquals(numbered(7).stream().map(line -> "alice: " + line).toList(), received);
            assertTrue(alice.screen().text().indexOf("alice: paste line 7") > 0, "each pasted line stays on screen");
            // beyond the burst the lines drain at the rate limit, and the screen says so
            alice.awaitText(" waiting (rate limit)", asked);
        }
    }
}
