package org.rmichat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rmichat.server.core.RoomConfig;
import picocli.CommandLine;

/** The limits given on the command line are the ones the room enforces. */
class ServerOptionsTest {

    @Test
    void limitOptionsReachTheRoom() throws Exception {
        ServerMain main = new ServerMain();
        new CommandLine(main).parseArgs("--max-message-length", "50", "--rate-limit", "2.5", "--rate-burst", "3",
                "--max-clients", "7");

        RoomConfig room = main.roomConfig();

        assertEquals(50, room.maxMessageLength());
        assertEquals(2.5, room.ratePerSecond());
        assertEquals(3, room.rateBurst());
        assertEquals(7, room.maxClients());
    }

    @Test
    void defaultsAreTheIssuesNumbers() throws Exception {
        ServerMain main = new ServerMain();
        new CommandLine(main).parseArgs();

        RoomConfig room = main.roomConfig();

        assertEquals(2_000, room.maxMessageLength());
        assertEquals(10.0, room.ratePerSecond());
        assertEquals(20, room.rateBurst());
        assertEquals(10_000, room.maxClients());
    }
}
