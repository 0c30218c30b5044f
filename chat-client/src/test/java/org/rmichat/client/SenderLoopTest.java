package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Typed lines go out in order, each parsed once, numbered from one sequence; commands answer locally. */
@Timeout(30)
class SenderLoopTest {
    private final ScriptedService service = new ScriptedService();
    private final RecordingConsole console = new RecordingConsole();

    @Test
    void linesActionsAndPrivateLinesShareOneSequenceAndLocalAnswersSendNothing() throws Exception {
        Connection connection = service.connectAlice(console);
        var outbox = new LinkedBlockingQueue<>(List.of("one", "/me waves", "/frobnicate", "/msg bob psst",
                "/nick", "//two", "/quit", "never"));
        CountDownLatch done = new CountDownLatch(1);
        ChatView view = new ChatView(console, DisplayOptions.plain(), connection::name, Clock.systemUTC());
        Thread sender = new Thread(new SenderLoop(outbox, connection, console, view, new SenderLoop.Finish() {
            @Override
            public void done() {
                done.countDown();
            }

            @Override
            public void gaveUp(SessionLink.GaveUpException e) {
            }
        }), "test-sender");

        sender.start();

        assertTrue(done.await(10, TimeUnit.SECONDS));
        sender.join(5_000);
        assertEquals(List.of("1 one", "2 waves", "4 /two"),
                service.sends.stream().map(s -> s.clientSeq() + " " + s.text()).toList());
        assertEquals(List.of(true), service.sends.stream().filter(s -> s.clientSeq() == 2)
                .map(s -> s.action()).toList());
        assertEquals(List.of(3L), service.privates.stream().map(p -> p.clientSeq()).toList());
        assertEquals(List.of("⚠ unknown command /frobnicate; " + ChatCommand.UNKNOWN_HINT,
                "→ bob: psst", "usage: /nick NEW"), console.lines);
        assertEquals(List.of("never"), List.copyOf(outbox));
    }
}
