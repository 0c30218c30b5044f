package org.rmichat.it.console;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.rmichat.client.DisplayOptions;
import org.rmichat.client.HostPort;
import org.rmichat.client.console.JLineConsole;
import org.rmichat.client.console.VirtualTerminal;

/** A real {@link ChatClient} over real RMI, with its line editor on a {@link VirtualTerminal} the test types into. */
final class TerminalParticipant implements AutoCloseable {
    private final VirtualTerminal screen;
    private final JLineConsole console;
    private final ChatClient client;

    private TerminalParticipant(int port, String name, DisplayOptions display) throws Exception {
        screen = new VirtualTerminal();
        console = new JLineConsole(screen.terminal());
        client = new ChatClient(ClientConfig.of(new HostPort("127.0.0.1", port), Optional.of(name)), console, display);
    }

    /** Joined, with the prompt drawn, so keys typed next reach the line editor. */
    static TerminalParticipant join(int port, String name, DisplayOptions display) throws Exception {
        TerminalParticipant participant = new TerminalParticipant(port, name, display);
        participant.client.start();
        participant.screen.awaitText("You: ", 0);
        return participant;
    }

    VirtualTerminal screen() {
        return screen;
    }

    void type(String keys) {
        screen.type(keys);
    }

    int awaitText(String expected, int from) throws InterruptedException {
        return screen.awaitText(expected, from);
    }

    /** Waits until the client ended on its own, with a bound. */
    void awaitExit() throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                client.awaitExit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        client.close();
        console.close();
        screen.close();
    }
}
