package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ClientMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = ClientMain.commandLine(new ClientMain(new PrintStream(new ByteArrayOutputStream())));
        cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void everyOptionIsDescribed() {
        CommandLine cmd = ClientMain.commandLine(new ClientMain(System.out));

        for (OptionSpec option : cmd.getCommandSpec().options()) {
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(), option.longestName());
        }
    }

    @Test
    void helpListsOptionsExitCodesAndChatCommands() {
        assertEquals(0, run("--help"));

        String help = out.toString();
        for (String expected : new String[] {"--server", "--name", "--plain", "--no-color", "--timestamps",
                "--quiet", "RMICHAT_SERVER", "NO_COLOR", "Exit codes:", "2   bad usage", "/msg NAME text",
                "/nick NEW", "/me action", "/who", "/quit"}) {
            assertTrue(help.contains(expected), "help lacks " + expected + ":\n" + help);
        }
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, run("--timestamps=maybe"));
        assertEquals(2, run("--server", "host:notaport"));
        assertFalse(err.toString().isBlank());
    }

    @Test
    void versionExitsWithZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("rmichat client "), out.toString());
    }
}
