package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.rmichat.client.DisplayOptions;
import org.rmichat.client.HostPort;
import org.rmichat.client.console.JLineConsole;
import org.rmichat.client.console.VirtualTerminal;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;

/** The interactive client, typed into through a JLine terminal, while someone else talks over real RMI. */
@Timeout(60)
class InteractiveConsoleIT {

    @Test
    void aMessageArrivingWhileTypingAppearsAboveAndTheTypedLineGoesOutWhole() throws Exception {
        ChatServer server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults())).start();
        try (var screen = new VirtualTerminal(); var bob = Participant.join(server.port(), "bob")) {
            var console = new JLineConsole(screen.terminal());
            var alice = new ChatClient(ClientConfig.of(new HostPort("127.0.0.1", server.port()), Optional.of("alice")),
                    console, new DisplayOptions(true, false, false));
            try {
                alice.start();
                bob.awaitLine("🔵 alice joined");
                int prompt = screen.awaitText("You: ", 0);

                screen.type("hello, half");
                int typed = screen.awaitText("You: hello, half", prompt);
                bob.type("hi alice, are you there?");
                int incoming = screen.awaitText("bob: hi alice, are you there?", typed);
                int redrawn = screen.awaitText("You: hello, half", incoming);
                screen.type(" and whole\r");

                bob.awaitLine("alice: hello, half and whole");
                assertTrue(typed < incoming && incoming < redrawn, "the message went above the line being typed");
                assertTrue(screen.raw().contains("\u0007"), "bob said alice's name: the bell rang");

                screen.type("\u0004");   // Ctrl-D
                bob.awaitLine("🔴 alice left");
                CompletableFuture.runAsync(() -> {
                    try {
                        alice.awaitExit();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).get(10, TimeUnit.SECONDS);
            } finally {
                alice.close();
                console.close();
            }
        } finally {
            server.stop();
        }
    }
}
