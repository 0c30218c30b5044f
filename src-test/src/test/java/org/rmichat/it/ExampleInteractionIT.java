package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Optional;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interaction of the original spec, with the real client code over real RMI. */
@Timeout(30)
class ExampleInteractionIT {

    @Test
    void twoClientsChatAsTheSpecShows() throws Exception {
        try (var server = ServerFixture.start()) {
            var aConsole = new RecordingConsole();
            var bConsole = new RecordingConsole();
            var a = new ChatClient(ClientConfig.of(server.address(), Optional.empty()), aConsole);
            var b = new ChatClient(ClientConfig.of(server.address(), Optional.empty()), bConsole);
            try (a; b) {
                a.start();
                aConsole.awaitLine("💬 Joined chat as User 0");
                aConsole.awaitLine("Type messages and press Enter.");
                b.start();
                bConsole.awaitLine("💬 Joined chat as User 1");
                assertEquals(List.of(), aConsole.awaitLine("🔵 User 1 joined"));

                aConsole.type("Hello everyone!");
                bConsole.awaitLine("User 0: Hello everyone!");
                bConsole.type("marker");
                List<String> beforeMarker = aConsole.awaitLine("User 1: marker");

                assertFalse(beforeMarker.contains("User 0: Hello everyone!"), "A saw its own line: " + beforeMarker);
                aConsole.endInput();
                bConsole.awaitLine("🔴 User 0 left");
                a.awaitExit();
            }
        }
    }

    @Test
    void blankLinesAreNotSent() throws Exception {
        try (var server = ServerFixture.start();
             var observer = TestClient.join(server.service(), "observer")) {
            var console = new RecordingConsole();
            try (var client = new ChatClient(ClientConfig.of(server.address(), Optional.of("typist")), console)) {
                client.start();
                observer.nextLines(1);   // typist joined

                console.type("   ");
                console.type("");
                console.type("real");

                assertEquals(List.of("typist: real"), observer.nextLines(1));
            }
        }
    }
}
