package org.rmichat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.rmi.FloodLimits;
import picocli.CommandLine;

/** The limits given on the command line are the ones the room enforces. */
class ServerOptionsTest {

    @Test
    void limitOptionsReachTheRoom() throws Exception {
        ServerMain main = new ServerMain();
        new CommandLine(main).parseArgs("--max-message-length", "50", "--rate-limit", "2.5", "--rate-burst", "3",
                "--max-clients", "7", "--announce-limit", "0", "--poll-budget", "0");

        RoomConfig room = main.roomConfig();

        assertEquals(50, room.maxMessageLength());
        assertEquals(2.5, room.ratePerSecond());
        assertEquals(3, room.rateBurst());
        assertEquals(7, room.maxClients());
        assertEquals(0, room.announceLimit());
        assertEquals(0, room.pollBudget());
    }

    @Test
    void everyOptionOfTheHelpHasALabelNotAFieldName() {
        String help = new CommandLine(new ServerMain()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertTrue(!help.matches("(?s).*=<[a-zA-Z]+>.*"), "a placeholder named after a field:\n" + help);
        assertTrue(help.contains("--session-timeout=DURATION"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("such as 30s or 2m"), "durations say what they look like:\n" + help);
    }

    @Test
    void theConnectionCapPerAddressIsAnOption() {
        ServerMain main = new ServerMain();
        new CommandLine(main).parseArgs("--max-connections-per-address", "0");
        assertEquals(0, main.connectionLimits().maxPerAddress());

        new CommandLine(main = new ServerMain()).parseArgs();
        assertEquals(256, main.connectionLimits().maxPerAddress());
    }

    @Test
    void theJoinAndLineLimitsAreOptions() {
        ServerMain main = new ServerMain();
        new CommandLine(main).parseArgs("--join-limit", "0", "--line-limit", "0");
        assertEquals(FloodLimits.none().presencePerAddress(), main.connectionLimits().flood().presencePerAddress());
        assertEquals(0, main.connectionLimits().flood().linesPerServer());

        new CommandLine(main = new ServerMain()).parseArgs();
        assertEquals(FloodLimits.defaults(), main.connectionLimits().flood());
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
        assertEquals(200, room.announceLimit());
        assertEquals(3_750 * Runtime.getRuntime().availableProcessors(), room.pollBudget());
    }

    @Test
    void anOutOfRangeLimitIsBadUsageInOneLine() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ServerMain()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--bind", "127.0.0.1", "--rate-limit", "-1");

        assertEquals(2, code);
        assertEquals("rate limit < 0: -1.0", err.toString().lines().findFirst().orElse(""));
    }

    @Test
    void aNegativeAnnounceLimitIsBadUsageInOneLine() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ServerMain()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--bind", "127.0.0.1", "--announce-limit", "-1");

        assertEquals(2, code);
        assertEquals("announce limit < 0: -1", err.toString().lines().findFirst().orElse(""));
    }

    @Test
    void anAnnounceLimitThatIsNoNumberIsBadUsage() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ServerMain()).setErr(new PrintWriter(err))
                .execute("--port", "0", "--bind", "127.0.0.1", "--announce-limit", "many");

        assertEquals(2, code);
        assertTrue(err.toString().lines().findFirst().orElse("").contains("--announce-limit"), err.toString());
    }
}
