package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.it.security.SecurityFixtures.JarProcess;

/**
 * {@code --password-file} / {@code RMICHAT_PASSWORD}, with the real jars: the right secret joins, nothing else.
 * A server per test: each refusal starts a back-off for the address (250 ms after the first), and a client
 * started within it would be told "too many failed joins" instead of what this test looks for.
 */
@Timeout(60)
class SharedSecretIT {
    private static final String SECRET = "correct horse battery staple";

    @TempDir Path dir;
    private JarProcess server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        Path secretFile = secretFile("server.secret", SECRET);
        server = new JarProcess("rmichat.serverJar", Map.of(), "--bind", "127.0.0.1", "--port", "0",
                "--password-file", secretFile.toString());
        port = server.awaitListeningPort();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server == null) return;
        server.close();
        List<String> output = new ArrayList<>(server.allStderr());
        server.stdout.drainTo(output);
        assertTrue(output.stream().anyMatch(line -> line.contains("TLS off, password on")), output::toString);
        assertFalse(String.join("\n", output).contains(SECRET), "the secret reached the server's output");
    }

    @Test
    void theRightSecretFromTheEnvironmentJoins() throws Exception {
        try (JarProcess client = client(Map.of("RMICHAT_PASSWORD", SECRET), "--name", "alice")) {
            client.awaitStdout(line -> line.contains("Joined chat as alice"));
            client.endInput();
            assertEquals(0, client.awaitExit());
        }
    }

    @Test
    void aWrongSecretFromAFileIsRefused() throws Exception {
        Path wrong = secretFile("wrong.secret", "incorrect horse");
        try (JarProcess client = client(Map.of(), "--name", "mallory", "--password-file", wrong.toString())) {
            assertRefused(client);
        }
    }

    @Test
    void noSecretIsRefused() throws Exception {
        try (JarProcess client = client(Map.of(), "--name", "mallory")) {
            assertRefused(client);
        }
    }

    private static void assertRefused(JarProcess client) throws Exception {
        assertEquals(1, client.awaitExit());
        assertEquals(List.of("authentication failed"),
                client.allStderr().stream().filter(line -> !line.startsWith("[")).toList());
    }

    private JarProcess client(Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--server", "127.0.0.1:" + port));
        all.addAll(List.of(args));
        return new JarProcess("rmichat.clientJar", env, all.toArray(String[]::new));
    }

    private Path secretFile(String name, String secret) throws Exception {
        Path file = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, secret + "\n");
    }
}
