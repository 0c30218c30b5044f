package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client reads ~/.config/rmichat/client.conf (or --config / RMICHAT_CONFIG) under the command line. */
class ClientConfigFileTest {
    @TempDir Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private ClientMain main() {
        return new ClientMain(new PrintStream(new ByteArrayOutputStream()));
    }

    private Path userFile(String... lines) throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/rmichat"));
        return Files.write(dir.resolve("client.conf"), List.of(lines));
    }

    @Test
    void thePerUserFileIsReadWhenItExistsAndTheCommandLineWins() throws Exception {
        userFile("server = chat.example:1100,backup.example:1101", "name = alice", "timestamps = true",
                "reconnect-timeout = 60");
        ClientMain main = main();

        ClientMain.commandLine(main, Map.of("HOME", home.toString())).parseArgs("--name", "bob");

        assertEquals(List.of(new HostPort("chat.example", 1100), new HostPort("backup.example", 1101)), main.servers);
        assertEquals("bob", main.name);
        assertTrue(main.timestamps);
        assertEquals(Duration.ofSeconds(60), main.reconnectTimeout);
    }

    @Test
    void withoutAFileTheDefaultsStand() {
        ClientMain main = main();

        ClientMain.commandLine(main, Map.of("HOME", home.toString())).parseArgs();

        assertEquals(List.of(new HostPort("localhost", 1099)), main.servers);
        assertFalse(main.timestamps);
    }

    @Test
    void anUnknownKeyInTheUserFileIsOneLineAndExitTwo() throws Exception {
        Path conf = userFile("nmae = alice");
        CommandLine cmd = ClientMain.commandLine(main(), Map.of("HOME", home.toString()))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        assertEquals(2, cmd.execute());
        assertEquals(conf + ":1: unknown key 'nmae'", err.toString().strip());
    }

    @Test
    void printConfigShowsTheEffectiveOptions() throws Exception {
        Path conf = Files.write(home.resolve("other.conf"), List.of("name = carol"));
        CommandLine cmd = ClientMain.commandLine(main(), Map.of("RMICHAT_SERVER", "h:1", "RMICHAT_PASSWORD", "pw"))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        assertEquals(0, cmd.execute("--config", conf.toString(), "--print-config"));

        String printed = out.toString();
        assertTrue(printed.contains("name = carol    # " + conf + ":1"), printed);
        assertTrue(printed.contains("server = h:1    # environment variable RMICHAT_SERVER"), printed);
        assertTrue(printed.contains("# RMICHAT_PASSWORD is set (redacted)") && !printed.contains("= pw"), printed);
    }
}
