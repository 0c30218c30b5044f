package org.rmichat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.server.core.RoomConfig;
import picocli.CommandLine;

/** --config FILE, RMICHAT_* and the command line, in that order of strength; --print-config shows the result. */
class ServerConfigFileTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path file(String... lines) throws Exception {
        return Files.write(dir.resolve("server.conf"), java.util.List.of(lines));
    }

    private ServerMain parse(Map<String, String> env, String... args) {
        ServerMain main = new ServerMain();
        ServerMain.commandLine(main, env).parseArgs(args);
        return main;
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cmd = ServerMain.commandLine(new ServerMain(), env);
        cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void everyOptionCanBeSetInTheFile() throws Exception {
        Path conf = file("# a comment", "", "port = 1234", "max-queue: 500", "session-timeout = 45s",
                "rate-limit = 2.5", "redis = redis://127.0.0.1:6380", "tls = true", "keystore = /etc/k.p12");

        ServerMain main = parse(Map.of(), "--config", conf.toString());
        RoomConfig room = main.roomConfig();

        assertEquals(1234, main.port);
        assertEquals(500, room.maxQueue());
        assertEquals(Duration.ofSeconds(45), room.sessionTimeout());
        assertEquals(2.5, room.ratePerSecond());
        assertEquals("redis://127.0.0.1:6380", main.redis.toString());
        assertTrue(main.tls);
    }

    @Test
    void everyServerOptionHasAKey() {
        CommandLine cmd = ServerMain.commandLine(new ServerMain(), Map.of());
        for (CommandLine.Model.OptionSpec option : cmd.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || option.versionHelp() || name.equals("--config") || name.equals("--print-config")) {
                continue;
            }
            assertTrue(name.startsWith("--"), name + " has no long name to use as a key");
        }
    }

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsTheFile() throws Exception {
        Path conf = file("port = 1", "max-queue = 2", "max-clients = 3");
        Map<String, String> env = Map.of("RMICHAT_CONFIG", conf.toString(), "RMICHAT_MAX_QUEUE", "20",
                "RMICHAT_MAX_CLIENTS", "30");

        ServerMain main = parse(env, "--max-clients", "300");
        RoomConfig room = main.roomConfig();

        assertEquals(1, main.port);              // file only
        assertEquals(20, room.maxQueue());       // environment over file
        assertEquals(300, room.maxClients());    // command line over both
    }

    @Test
    void anUnknownKeyIsOneLineNamingFileAndLineAndExitsTwo() throws Exception {
        Path conf = file("port = 0", "prot = 1100");

        int code = run(Map.of(), "--config", conf.toString());

        assertEquals(2, code);
        assertEquals(conf + ":2: unknown key 'prot'", err.toString().strip());
    }

    @Test
    void aBadValueIsOneLineNamingFileAndLineAndExitsTwo() throws Exception {
        Path conf = file("port = 0", "", "max-queue = lots");

        int code = run(Map.of(), "--config", conf.toString());

        assertEquals(2, code);
        String line = err.toString().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith(conf + ":3: ") && line.contains("'lots'"), line);
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() {
        int code = run(Map.of("RMICHAT_PORT", "twelve"));

        assertEquals(2, code);
        assertTrue(err.toString().startsWith("environment variable RMICHAT_PORT: "), err.toString());
    }

    @Test
    void aKeyGivenTwiceAndAMissingFileAreBadUsage() throws Exception {
        Path conf = file("port = 1", "port = 2");
        assertEquals(2, run(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":2: port is already set on line 1", err.toString().strip());

        assertEquals(2, run(Map.of(), "--config", dir.resolve("absent.conf").toString()));
        assertTrue(err.toString().contains("absent.conf: no such file"), err.toString());
    }

    @Test
    void aRelativePathInTheFileIsRelativeToTheFile() throws Exception {
        Path conf = file("password-file = secrets/chat-password");

        ServerMain main = parse(Map.of(), "--config", conf.toString());

        assertEquals(dir.resolve("secrets/chat-password").toAbsolutePath(), main.passwordFile);
    }

    @Test
    void printConfigShowsSourcesRedactsSecretsAndReadsBack() throws Exception {
        Path conf = file("port = 1100", "redis = redis://:hunter2@127.0.0.1:6379", "session-timeout = 45s");
        Map<String, String> env = Map.of("RMICHAT_MAX_QUEUE", "77", "RMICHAT_PASSWORD", "s3cret");

        assertEquals(0, run(env, "--config", conf.toString(), "--max-clients", "5", "--print-config"));

        String printed = out.toString();
        assertFalse(printed.contains("hunter2") || printed.contains("s3cret"), printed);
        assertTrue(printed.contains("port = 1100    # " + conf + ":1"), printed);
        assertTrue(printed.contains("max-queue = 77    # environment variable RMICHAT_MAX_QUEUE"), printed);
        assertTrue(printed.contains("max-clients = 5    # command line"), printed);
        assertTrue(printed.contains("session-timeout = 45s"), printed);
        assertTrue(printed.contains("# RMICHAT_PASSWORD is set (redacted)"), printed);

        // what it prints is a config file giving the same configuration (trailing comments stripped)
        Path again = Files.write(dir.resolve("printed.conf"), printed.lines()
                .map(l -> l.replaceFirst("\\s+# .*$", "")).filter(l -> !l.contains("hunter2")
                        && !l.contains("***")).toList());
        ServerMain reread = parse(Map.of(), "--config", again.toString());
        assertEquals(1100, reread.port);
        assertEquals(77, reread.roomConfig().maxQueue());
        assertEquals(5, reread.roomConfig().maxClients());
        assertEquals(Duration.ofSeconds(45), reread.roomConfig().sessionTimeout());
    }
}
