package org.rmichat.client.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class JLineConsoleTest {
    // xterm in keypad-transmit mode, which JLine switches on, sends the up arrow as ESC O A
    private static final String UP = "\u001BOA";

    private VirtualTerminal screen;
    private JLineConsole console;

    @BeforeEach
    void open() throws Exception {
        screen = new VirtualTerminal();
        console = new JLineConsole(screen.terminal());
    }

    @AfterEach
    void close() throws Exception {
        console.close();
        screen.close();
    }

    private int promptsShown;

    /**
     * readLine on its own thread, as the client's input thread does; returns once the prompt is drawn, which
     * JLine does after switching the terminal to raw mode, so keys typed next reach the line editor.
     */
    private CompletableFuture<Optional<String>> nextLine() throws InterruptedException {
        var line = CompletableFuture.supplyAsync(() -> console.readLine());
        promptsShown = screen.awaitText("You: ", promptsShown) + 1;
        return line;
    }

    private static Optional<String> result(CompletableFuture<Optional<String>> line) throws Exception {
        return line.get(VirtualTerminal.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void anIncomingLineAppearsAboveTheHalfTypedLineWhichStaysIntact() throws Exception {
        var line = nextLine();
        screen.type("half a li");
        int typed = screen.awaitText("You: half a li", 0);

        console.println("bob: hello there");
        int incoming = screen.awaitText("bob: hello there", typed);
        int redrawn = screen.awaitText("You: half a li", incoming);
        screen.type("ne\r");

        assertEquals(Optional.of("half a line"), result(line));
        assertTrue(typed < incoming && incoming < redrawn, "prompt, then the message, then the prompt again below");
    }

    @Test
    void aNewPromptNamesTheRoomWhileALineIsTypedAndTheLineStaysIntact() throws Exception {
        var line = nextLine();
        screen.type("half a li");
        int typed = screen.awaitText("You: half a li", 0);

        console.setPrompt("#dev [#lobby 1]> ");
        int renamed = screen.awaitText("#dev [#lobby 1]> half a li", typed);
        console.println("[#lobby] bob: hello there");
        int incoming = screen.awaitText("[#lobby] bob: hello there", renamed);
        screen.awaitText("#dev [#lobby 1]> half a li", incoming);
        screen.type("ne\r");

        assertEquals(Optional.of("half a line"), result(line));
    }

    @Test
    void anActionStaysOnTheScreenAsTheOthersSeeItNotAsTyped() throws Exception {
        console.setEcho(typed -> typed.startsWith("/me ")
                ? Optional.of(new AttributedString("* alice " + typed.substring(4))) : Optional.empty());
        var action = nextLine();
        screen.type("/me waves\r");
        assertEquals(Optional.of("/me waves"), result(action));
        int shown = screen.awaitText("* alice waves", 0);

        var said = nextLine();
        screen.type("hello\r");
        assertEquals(Optional.of("hello"), result(said));
        screen.awaitText("You: hello", shown);

        String raw = screen.raw();
        String afterAction = raw.substring(raw.lastIndexOf("/me waves"));
        assertTrue(afterAction.contains("\u001B[K") || afterAction.contains("\u001B[J"),
                "the typed /me line was erased before the action was shown: " + afterAction);
    }

    @Test
    void closingWhileReadingErasesThePromptSoAnErrorAfterItDoesNotLookTyped() throws Exception {
        var line = nextLine();
        screen.type("half");
        screen.awaitText("You: half", 0);

        console.close();

        String raw = screen.raw();
        assertTrue(raw.substring(raw.lastIndexOf("You: half")).contains("\r\u001B[K"), raw);
    }

    @Test
    void clearEmptiesTheScreenAndTheNextPromptIsDrawnAtTheTop() throws Exception {
        console.println("old line");
        screen.awaitText("old line", 0);
        console.clear();

        var line = nextLine();
        String raw = screen.raw();
        assertTrue(raw.indexOf("\u001B[2J", raw.indexOf("old line")) > 0, "the screen was cleared: " + raw);
        screen.type("\r");
        result(line);
    }

    @Test
    void tabCompletesTheWordBeingTypedFromWhatTheCompletionOffers() throws Exception {
        console.setCompletion((before, word) -> word.startsWith("/") ? List.of("/msg", "/me")
                : List.of("\"User 1\"", "bob"));
        var line = nextLine();
        screen.type("/ms\t\"us\thi B\t!\r");

        assertEquals(Optional.of("/msg \"User 1\" hi bob !"), result(line));
    }

    @Test
    void theStatusLineIsDrawnAtTheBottomWhileALineIsTyped() throws Exception {
        var line = nextLine();
        screen.type("half");
        screen.awaitText("You: half", 0);

        console.setStatus(new AttributedString("connected · alice · #lobby"));
        int status = screen.awaitText("connected · alice · #lobby", 0);
        console.println("bob: hi");
        screen.awaitText("bob: hi", status);
        screen.type(" done\r");

        assertEquals(Optional.of("half done"), result(line));
        // row 24 of 24: the status sits below the scroll region, so lines scroll above it
        assertTrue(screen.raw().contains("\u001B[24;1H") || screen.raw().contains("\u001B[1;23r"), screen.raw());
    }

    /**
     * Between two reads another thread may be printing a line (the client's sender, a warning), and a status
     * drawn then would put that line's bytes among its cursor moves, on the status row: it is not drawn, and
     * setStatus says so, so the caller sets it again while a line is read.
     */
    @Test
    void theStatusIsNotDrawnBetweenTwoReadsButOnceALineIsRead() throws Exception {
        assertFalse(console.setStatus(new AttributedString("connected · alice · #lobby")));
        console.println("⚠ the 6 pasted lines were not sent");
        screen.awaitText("⚠ the 6 pasted lines were not sent", 0);
        assertFalse(screen.text().contains("connected · alice"), "drawn while nothing was read: " + screen.text());

        var line = nextLine();
        assertTrue(console.setStatus(new AttributedString("connected · alice · #lobby")));
        screen.awaitText("connected · alice · #lobby", 0);
        screen.type("done\r");
        assertEquals(Optional.of("done"), result(line));
    }

    @Test
    void aBoundKeyTakesItsCommandAndTheTypedTextComesBackInTheNextPrompt() throws Exception {
        console.bindKey("\u001B2", () -> Optional.of("/switch #dev"));
        console.bindKey("\u001B3", Optional::empty);
        var line = nextLine();
        screen.type("half");
        screen.awaitText("You: half", 0);
        screen.type("\u001B3\u001B2");

        assertEquals(Optional.of("/switch #dev"), result(line));
        var next = nextLine();
        screen.type(" done\r");
        assertEquals(Optional.of("half done"), result(next));
        assertFalse(screen.text().contains("You: /switch"), "the command was not shown as typed");
    }

    @Test
    void upArrowRecallsThePreviousLine() throws Exception {
        var first = nextLine();
        screen.type("first line\r");
        assertEquals(Optional.of("first line"), result(first));

        var second = nextLine();
        screen.type(UP + "\r");

        assertEquals(Optional.of("first line"), result(second));
    }

    @Test
    void chatTextIsTakenLiterallyNotAsShellHistoryOrEscapes() throws Exception {
        var line = nextLine();
        screen.type("wow! see C:\\temp !!\r");

        assertEquals(Optional.of("wow! see C:\\temp !!"), result(line));
    }

    @Test
    void ctrlDEndsTheInput() throws Exception {
        var line = nextLine();
        screen.type("\u0004");

        assertEquals(Optional.empty(), result(line));
    }

    @Test
    void ctrlCWithTextTypedClearsTheLineAndOnTheEmptyLineEndsTheInput() throws Exception {
        var line = nextLine();
        screen.type("never sent");
        screen.awaitText("You: never sent", 0);
        screen.type("\u0003");
        promptsShown = screen.awaitText("You: ", promptsShown) + 1;
        screen.type("kept\r");
        assertEquals(Optional.of("kept"), result(line));
        promptsShown = screen.awaitText("You: kept", promptsShown) + 1;   // the entered line, not a prompt

        var next = nextLine();
        screen.type("\u0003");
        assertEquals(Optional.empty(), result(next));
    }

    @Test
    void ctrlCTwiceLeavesEvenWithTextTyped() throws Exception {
        var line = nextLine();
        screen.type("never sent");
        screen.awaitText("You: never sent", 0);
        screen.type("\u0003");
        promptsShown = screen.awaitText("You: ", promptsShown) + 1;
        screen.type("\u0003");

        assertEquals(Optional.empty(), result(line));
    }

    @Test
    void styledLinesReachTheTerminalAsEscapeCodes() throws Exception {
        console.println(new AttributedString("alice", AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)));
        screen.awaitText("alice", 0);

        assertTrue(screen.raw().contains("\u001B[31malice"), screen.raw());
    }

    @Test
    void aPlainConsoleNeverWritesEscapeCodesEvenForStyledLines() {
        var out = new ByteArrayOutputStream();
        var plain = new PlainConsole(new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        plain.println(new AttributedString("alice", AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)));
        plain.bell();

        assertEquals("alice" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
        assertFalse(plain.supportsStyles());
    }
}
