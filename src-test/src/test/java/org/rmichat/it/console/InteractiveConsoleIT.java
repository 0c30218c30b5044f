package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.client.DisplayOptions;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;

/** The interactive client, typed into through a JLine terminal, while someone else talks over real RMI. */
@Timeout(60)
class InteractiveConsoleIT {

    @Test
    void aMessageArrivingWhileTypingAppearsAboveAndTheTypedLineGoesOutWhole() throws Exception {
        ChatServer server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults())).start();
        try (var bob = Participant.join(server.port(), "bob");
             var alice = TerminalParticipant.join(server.port(), "alice", new DisplayOptions(true, false, false))) {
            bob.awaitLine("🔵 alice joined");
            int prompt = alice.awaitText("You: ", 0);

            alice.type("hello, half");
            int typed = alice.awaitText("You: hello, half", prompt);
            bob.type("hi alice, are you there?");
            int incoming = alice.awaitText("bob: hi alice, are you there?", typed);
            int redrawn = alice.awaitText("You: hello, half", incoming);
            alice.type(" and whole\r");

            bob.awaitLine("alice: hello, half and whole");
            // alice's own line stays on her screen as bob sees it, not after the prompt
            alice.awaitText("alice: hello, half and whole", redrawn);
            assertTrue(typed < incoming && incoming < redrawn, "the message went above the line being typed");
            assertTrue(alice.screen().raw().contains("\u0007"), "bob said alice's name: the bell rang");

            alice.type("\u0004");   // Ctrl-D
            bob.awaitLine("🔴 alice left");
            alice.awaitExit();
        } finally {
            server.stop();
        }
    }
}
