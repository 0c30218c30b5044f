package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.it.JarProcess;

/**
 * The client jar on a real terminal (a pty from {@code script}), typed into before it has even started, as a
 * person does who types as soon as they pressed Enter on the command.
 */
@Timeout(90)
class TypeAheadIT {

    @Test
    void aLineTypedWhileTheClientStartsIsSentNotSwallowedByTheTerminalSetUp() throws Exception {
        try (var server = JarProcess.startServer()) {
            String address = "127.0.0.1:" + server.listeningPort();
            try (var bob = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "bob")) {
                bob.awaitLine("Type messages and press Enter.");
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                String command = java + " -jar " + JarProcess.clientJar() + " --server " + address + " --name alice";
                ProcessBuilder onTerminal = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                onTerminal.environment().put("TERM", "xterm-256color");
                Process alice = onTerminal.start();
                try {
                    OutputStream keys = alice.getOutputStream();
                    // typed before the JVM is up: it waits in the terminal for the line editor
                    keys.write("typed as it starts\r".getBytes(StandardCharsets.UTF_8));
                    keys.flush();

                    List<String> before = bob.awaitLine("alice: typed as it starts");
                    assertTrue(before.contains("🔵 alice joined"), before.toString());
                    keys.write("/quit\r".getBytes(StandardCharsets.UTF_8));
                    keys.flush();
                    assertTrue(alice.waitFor(20, TimeUnit.SECONDS), "alice did not leave");
                } finally {
                    alice.destroyForcibly();
                }
            }
        }
    }
}
