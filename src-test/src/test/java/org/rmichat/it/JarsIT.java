package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built jars, as people run them: catches a broken manifest, missing dependency or wrong output. */
@Timeout(90)
class JarsIT {

    @Test
    void theSpecInteractionThroughTheJars() throws Exception {
        try (var server = JarProcess.startServer()) {
            String address = "127.0.0.1:" + server.listeningPort();
            try (var a = JarProcess.start(JarProcess.clientJar(), "--server", address)) {
                a.awaitLine("💬 Joined chat as User 0");
                a.awaitLine("Type messages and press Enter.");
                try (var b = JarProcess.start(JarProcess.clientJar(), "--server", address)) {
                    b.awaitLine("💬 Joined chat as User 1");
                    b.awaitLine("Type messages and press Enter.");
                    a.awaitLine("🔵 User 1 joined");

                    a.type("Hello everyone!");
                    b.awaitLine("User 0: Hello everyone!");
                    b.type("bye");
                    List<String> beforeBye = a.awaitLine("User 1: bye");
                    assertFalse(beforeBye.contains("User 0: Hello everyone!"), "self-echo: " + beforeBye);

                    a.closeInput();   // end of piped input leaves cleanly
                    assertEquals(0, a.awaitExit(Duration.ofSeconds(15)));
                    b.awaitLine("🔴 User 0 left");
                    b.type("/quit");
                    assertEquals(0, b.awaitExit(Duration.ofSeconds(15)));
                }
            }
        }
    }

    @Test
    void anUnreachableServerIsOneLineAndExitCodeOne() throws Exception {
        int freePort;
        try (var probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        try (var client = JarProcess.start(JarProcess.clientJar(), "--server", "127.0.0.1:" + freePort)) {
            assertEquals(1, client.awaitExit(Duration.ofSeconds(20)));
            List<String> err = client.stderrSoFar();
            assertEquals(1, err.size(), err.toString());
            assertTrue(err.get(0).startsWith("cannot reach chat server at 127.0.0.1:" + freePort + ": "), err.get(0));
        }
    }

    @Test
    void aBadServerAddressIsAUsageError() throws Exception {
        try (var client = JarProcess.start(JarProcess.clientJar(), "--server", "localhost:notaport")) {
            assertEquals(2, client.awaitExit(Duration.ofSeconds(20)));
        }
    }
}
