package org.rmichat.it.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.client.DisplayOptions;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;

/** The status line, Alt-1…9 and Tab of the interactive client, against a real server. */
@Timeout(60)
class TerminalComfortIT {
    private static final String ALT_1 = "\u001B1";
    private static final String ALT_2 = "\u001B2";

    @Test
    void theStatusLineSaysConnectedWhereAndAsWhomAndCountsWhileReconnecting() throws Exception {
        ChatServer server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults())).start();
        try (var alice = TerminalParticipant.join(server.port(), "alice", DisplayOptions.plain())) {
            alice.awaitText("connected · 127.0.0.1:" + server.port() + " · alice · #lobby", 0);

            server.stop();

            alice.awaitText("reconnecting for ", 0);
        } finally {
            server.stop();
        }
    }

    @Test
    void altAndADigitMakesTheRoomInThatPlaceCurrent() throws Exception {
        ChatServer server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults())).start();
        try (var bob = Participant.join(server.port(), "bob");
             var alice = TerminalParticipant.join(server.port(), "alice", DisplayOptions.plain())) {
            bob.awaitLine("🔵 alice joined");
            alice.type("/join #dev\r");
            int joined = alice.awaitText("💬 Joined #dev", 0);

            bob.type("in the lobby");
            alice.awaitText("[#lobby] bob: in the lobby", joined);

            alice.type(ALT_1);
            int switched = alice.awaitText("➡ lines you type go to #lobby", joined);
            alice.type("back in the lobby\r");
            bob.awaitLine("alice: back in the lobby");

            alice.type(ALT_2);
            alice.awaitText("➡ lines you type go to #dev", switched);
        } finally {
            server.stop();
        }
    }

    @Test
    void tabCompletesTheNameOfSomeoneWhoWasHereBeforeAndWhoHasSaidNothing() throws Exception {
        ChatServer server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults())).start();
        try (var bob = Participant.join(server.port(), "bob");
             var alice = TerminalParticipant.join(server.port(), "alice", DisplayOptions.plain())) {
            bob.awaitLine("🔵 alice joined");

            alice.type("/msg b\tpsst\r");

            bob.awaitLine("[private] alice: psst");
        } finally {
            server.stop();
        }
    }
}
