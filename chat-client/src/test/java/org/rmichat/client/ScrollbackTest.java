package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.HistoryLine;
import org.rmichat.api.HistoryPage;
import org.rmichat.api.HistoryRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.ServerLimits;

/** The start's scrollback and /history pages, against a scripted server. */
@Timeout(30)
class ScrollbackTest {
    private final ScriptedService service = new ScriptedService();
    private final RecordingConsole console = new RecordingConsole();
    private final ExecutorService listener = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-listener"));
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-sender"));

    @AfterEach
    void stop() throws InterruptedException {
        listener.shutdownNow();
        sender.shutdownNow();
        listener.awaitTermination(5, TimeUnit.SECONDS);
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void historyTypedBeforeTheStartsScrollbackIsShownPagesBackFromItAndIsShownAfterIt() throws Exception {
        service.limits(new ServerLimits(2_000, 0, 20, 10_000, 50));
        service.answerHistory(request -> request.before() == null ? page(51, 100)
                : page(Integer.parseInt(request.before()) - request.limit(), Integer.parseInt(request.before()) - 1));
        Scrollback scrollback = open();

        // the sender thread runs /history first, as when it was typed before the listener thread got going
        Future<?> page = sender.submit(() -> {
            senderThread = Thread.currentThread();
            scrollback.earlier("#lobby", 5, 0);
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (service.historyRequests.isEmpty() && !waiting(senderThread) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        listener.submit(() -> {
            scrollback.onStart("#lobby");
            return null;
        }).get(10, TimeUnit.SECONDS);
        page.get(10, TimeUnit.SECONDS);

        assertEquals(Arrays.asList(null, "51"), service.historyRequests.stream().map(HistoryRequest::before).toList());
        List<String> shown = console.lines;
        assertEquals("── now ──", shown.get(50), shown.toString());
        assertEquals("── 5 earlier lines of #lobby (/history for more) ──", shown.get(51), shown.toString());
        assertEquals("bob: 46", shown.get(52).replaceFirst("^\\[\\d\\d:\\d\\d\\] ", ""), shown.toString());
    }

    private volatile Thread senderThread;

    private static boolean waiting(Thread thread) {
        return thread != null && thread.getState() == Thread.State.WAITING;
    }

    private Scrollback open() throws Exception {
        Connection connection = service.connectAlice(console);
        ChatView view = new ChatView(console, DisplayOptions.plain(), connection::name, Clock.systemUTC());
        return new Scrollback(connection, view, console);
    }

    /** Lines {@code from}..{@code to}, each at the position of its number, said by bob. */
    private static HistoryPage page(int from, int to) {
        List<HistoryLine> lines = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            lines.add(new HistoryLine(Integer.toString(i), 1_000L * i, new MessagePosted(2, "bob", Integer.toString(i))));
        }
        return new HistoryPage(lines, from > 1);
    }
}
