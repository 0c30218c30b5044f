package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;

/** While the server is away the keyboard keeps working: nothing typed waits behind the reconnect. */
@Timeout(60)
class ServerAwayIT {

    @Test
    void withTheServerAwayQuestionsAreAnsweredAtOnceHelpWorksAndQuitLeavesSayingWhatWasNotSent() throws Exception {
        ChatServer server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults())).start();
        try (var alice = Participant.join(server.port(), "alice")) {
            server.stop();
            alice.awaitLine("⚠ connection lost, reconnecting…");

            alice.type("/who");
            alice.type("typed while away");
            alice.type("/HELP");
            alice.type("/quit");

            alice.awaitLine("⚠ not connected; /who will work again after reconnecting");
            alice.awaitLine("/msg NAME text  send text to NAME only");   // the first line of /help
            alice.awaitLine("⚠ left while not connected; 1 line was not sent");
            assertTrue(alice.awaitExit(), "/quit left while the server was away");
        } finally {
            server.stop();
        }
    }
}
