package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.it.JarProcess;

/** {@code /history} typed into the client jar, on a server jar that keeps its history. */
@Timeout(90)
class HistoryCommandIT {

    @Test
    void historyTypedBeforeTheScrollbackIsShownPagesBackFromItAndComesAfterIt() throws Exception {
        try (var server = JarProcess.startServer("--rate-limit", "0")) {
            String address = "127.0.0.1:" + server.listeningPort();
            try (var bob = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "bob");
                 var watcher = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "watcher")) {
                watcher.awaitLine("Type messages and press Enter.");
                for (int i = 1; i <= 60; i++) bob.type(String.format("l%02d", i));
                watcher.awaitLine("bob: l60");   // all sent; a scrollback shows what is committed of them

                try (var carol = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "carol")) {
                    carol.type("/history 5");   // typed at once, as a person does: read before the scrollback is in
                    List<String> scrollback = carol.awaitLine("── now ──").stream()
                            .map(HistoryCommandIT::withoutTime).toList();
                    List<String> page = carol.awaitLine("── now ──").stream()
                            .map(HistoryCommandIT::withoutTime).toList();

                    // the scrollback first: the last 50 lines (up to the newest committed when it was read)
                    assertEquals(List.of("💬 Joined chat as carol", "Type messages and press Enter."),
                            scrollback.subList(0, 2), scrollback.toString());
                    List<String> lines = scrollback.subList(2, scrollback.size());
                    assertEquals(50, lines.size(), scrollback.toString());
                    int first = Integer.parseInt(lines.get(0).substring("bob: l".length()));
                    for (int i = 0; i < lines.size(); i++) {
                        assertEquals(String.format("bob: l%02d", first + i), lines.get(i), scrollback.toString());
                    }
                    // then the page before it, not a second copy of its newest lines
                    List<String> expected = new ArrayList<>(
                            List.of("── 5 earlier lines of #lobby (/history for more) ──"));
                    for (int i = first - 5; i < first; i++) expected.add(String.format("bob: l%02d", i));
                    assertEquals(expected, page);
                }
            }
        }
    }

    /** "[14:02] bob: l01" as "bob: l01": the time is the run's, not what is tested. */
    private static String withoutTime(String line) {
        return line.replaceFirst("^\\[\\d\\d:\\d\\d\\] ", "");
    }
}
