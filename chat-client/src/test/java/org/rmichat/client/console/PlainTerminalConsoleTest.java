package org.rmichat.client.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --plain} on a terminal: what the user typed stays on the screen, and no escape code is written. */
@Timeout(20)
class PlainTerminalConsoleTest {
    private VirtualTerminal screen;
    private PlainTerminalConsole console;

    @BeforeEach
    void open() throws Exception {
        screen = new VirtualTerminal();
        console = new PlainTerminalConsole(screen.terminal());
    }

    @AfterEach
    void close() throws Exception {
        console.close();
        screen.close();
    }

    private CompletableFuture<Optional<String>> nextLine(int from) throws InterruptedException {
        var line = CompletableFuture.supplyAsync(() -> {
            try {
                return console.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        screen.awaitText("You: ", from);
        return line;
    }

    private static Optional<String> result(CompletableFuture<Optional<String>> line) throws Exception {
        return line.get(VirtualTerminal.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void anIncomingLineGoesAboveTheHalfTypedOneWhichIsShownAgainBelowIt() throws Exception {
        var line = nextLine(0);
        screen.type("long partial input");
        int typed = screen.awaitText("You: long partial input", 0);

        console.println("bob: yo");
        int incoming = screen.awaitText("bob: yo", typed);
        int again = screen.awaitText("You: long partial input", incoming);
        screen.type(", finished\r");

        assertEquals(Optional.of("long partial input, finished"), result(line));
        assertFalse(screen.raw().contains("\u001B"), "plain: no escape codes; wrote " + screen.raw());
        // the incoming line blanked the rest of the typed one instead of leaving "bob: yoartial input"
        assertFalse(screen.text().contains("bob: yoa"), screen.text());
        assertEquals(true, again > incoming);
    }

    @Test
    void backspaceAndCtrlUEditTheLineAndArrowKeysAreIgnored() throws Exception {
        var line = nextLine(0);
        screen.type("helo\u007F\u007Flo wrong\u0015right\u001B[Aly\r");

        assertEquals(Optional.of("rightly"), result(line));
    }

    @Test
    void ctrlDOnAnEmptyLineEndsTheInput() throws Exception {
        var line = nextLine(0);
        screen.type("\u0004");

        assertEquals(Optional.empty(), result(line));
    }

    @Test
    void aNewPromptIsDrawnWithTheTypedTextKept() throws Exception {
        var line = nextLine(0);
        screen.type("half");
        int typed = screen.awaitText("You: half", 0);

        console.setPrompt("#dev> ");
        screen.awaitText("#dev> half", typed);
        screen.type("\r");

        assertEquals(Optional.of("half"), result(line));
    }
}
