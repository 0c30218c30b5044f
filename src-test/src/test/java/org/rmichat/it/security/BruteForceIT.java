package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.rmi.registry.LocateRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.api.AuthenticationFailedException;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.it.security.SecurityFixtures.JarProcess;

/**
 * Password guessing and malformed calls against the real server jar, while two real clients talk: after a
 * wrong password the address must wait, doubling with each failure, before its next join is even read (the
 * right password included); the log gets one line per kind of abuse and interval, with a count, and a
 * {@code join(null)} is one line, never a stack trace.
 */
@Timeout(60)
class BruteForceIT {
    private static final String SECRET = "correct horse battery staple";

    @TempDir Path dir;

    @Test
    void guessesAreSlowedAndLoggedOnceWhilePeopleTalk() throws Exception {
        Path secretFile = Files.createFile(dir.resolve("secret"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, SECRET + "\n");
        try (JarProcess server = new JarProcess("rmichat.serverJar", Map.of(), "--bind", "127.0.0.1", "--port", "0",
                "--password-file", secretFile.toString())) {
            int port = server.awaitListeningPort();
            try (JarProcess bob = client(port, "bob"); JarProcess alice = client(port, "alice")) {
                bob.awaitStdout(line -> line.contains("Joined chat as bob"));
                alice.awaitStdout(line -> line.contains("Joined chat as alice"));
                ChatService service = (ChatService) LocateRegistry.getRegistry("127.0.0.1", port)
                        .lookup(ChatService.REGISTRY_NAME);

                int passwordChecks = 0;
                alice.type("during the attack");
                for (int i = 0; i < 200; i++) {
                    ChatException e = assertThrows(ChatException.class,
                            () -> service.join(new JoinRequest("eve", "guess")));
                    if (e instanceof AuthenticationFailedException) {
                        passwordChecks++;
                    } else {
                        assertTrue(e.getMessage().startsWith("too many failed joins from your address; try again in "),
                                e::getMessage);
                    }
                }
                for (int i = 0; i < 200; i++) {
                    assertEquals("bad request: join needs an argument",
                            assertThrows(ChatException.class, () -> service.join(null)).getMessage());
                    assertEquals("bad request: leave needs an argument",
                            assertThrows(ChatException.class, () -> service.leave(null)).getMessage());
                }
                // the waits double from 250 ms: an 11th check would need 256 s, far past this test's timeout
                assertTrue(passwordChecks >= 1 && passwordChecks <= 10, "password checked " + passwordChecks + " times");
                assertEquals("alice: during the attack", bob.awaitStdout(line -> line.contains("alice: ")));
                alice.type("after the attack");
                assertEquals("alice: after the attack", bob.awaitStdout(line -> line.contains("alice: ")));

                alice.type("/quit");   // a line in the log after everything the attack caused
                server.awaitStderr(line -> line.contains("(\"alice\") left"));
            }
            List<String> log = server.allStderr();
            List<String> abuse = log.stream().filter(l -> l.contains("join refused") || l.contains("bad request"))
                    .toList();
            assertEquals(1, count(abuse, "join refused: wrong or missing password from 127.0.0.1, 1 in a row"),
                    abuse::toString);
            assertTrue(count(abuse, "join refused unread: too many failed joins from 127.0.0.1") >= 1, abuse::toString);
            assertTrue(count(abuse, "bad request from 127.0.0.1: join(null)") >= 1, abuse::toString);
            // a line per kind per 10 s, with a count of the rest; 600 calls would be 600 lines
            assertTrue(abuse.size() <= 12, "too many log lines for 600 refused calls: " + abuse);
            assertEquals(List.of(), log.stream().filter(l -> l.startsWith("\tat ") || l.contains("Exception"))
                    .toList(), "no stack trace");
        }
    }

    private static long count(List<String> lines, String part) {
        return lines.stream().filter(l -> l.contains(part)).count();
    }

    private static JarProcess client(int port, String name) throws Exception {
        return new JarProcess("rmichat.clientJar", Map.of("RMICHAT_PASSWORD", SECRET), "--server",
                "127.0.0.1:" + port, "--name", name);
    }
}
