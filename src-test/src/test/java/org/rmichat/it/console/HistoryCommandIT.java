package org.rmichat.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.rmichat.client.HostPort;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.history.HistoryConfig;

/** {@code /history} typed into a real client, through real RMI, on a server that keeps its history. */
@Timeout(60)
class HistoryCommandIT {
    @TempDir Path data;

    @Test
    void historyTypedBeforeTheScrollbackIsShownPagesBackFromItAndComesAfterIt() throws Exception {
        ChatServer server = ChatServer.withHistory(ServerConfig.loopback(RoomConfig.defaults().withRateLimit(0, 1)),
                HistoryConfig.in(data)).start();
        try (var bob = Participant.join(server.port(), "bob")) {
            for (int i = 1; i <= 60; i++) bob.type(String.format("l%02d", i));
            bob.awaitLine("bob: l60");
            try (var watcher = Participant.join(server.port(), "watcher")) {
                watcher.awaitLine("bob: l60");   // all sent; a scrollback reads what is committed of them
            }

            // typed before the client starts, as a person who types at once: read before the scrollback is in
            ScriptedConsole console = new ScriptedConsole();
            console.type("/history 5");
            ChatClient carol = new ChatClient(ClientConfig.of(new HostPort("127.0.0.1", server.port()),
                    Optional.of("carol")), console);
            try {
                carol.start();
                List<String> scrollback = console.awaitLine("── now ──").stream()
                        .map(HistoryCommandIT::withoutTime).toList();
                List<String> page = console.awaitLine("── now ──").stream()
                        .map(HistoryCommandIT::withoutTime).toList();

                // the scrollback first, the join's last lines (up to the newest line committed when it was read)
                assertEquals(List.of("💬 Joined chat as carol", "Type messages and press Enter."),
                        scrollback.subList(0, 2));
                List<String> lines = scrollback.subList(2, scrollback.size());
                assertEquals(50, lines.size(), scrollback.toString());
                int first = Integer.parseInt(lines.get(0).substring("bob: l".length()));
                for (int i = 0; i < lines.size(); i++) assertEquals(String.format("bob: l%02d", first + i), lines.get(i));
                // then the page before it, not a second copy of its newest lines
                List<String> expected = new ArrayList<>(List.of("── 5 earlier lines of #lobby (/history for more) ──"));
                for (int i = first - 5; i < first; i++) expected.add(String.format("bob: l%02d", i));
                assertEquals(expected, page);
            } finally {
                carol.close();
                console.close();
            }
        } finally {
            server.stop();
        }
    }

    /** "[14:02] bob: l01" as "bob: l01": the time is the test's, not what is tested. */
    private static String withoutTime(String line) {
        return line.replaceFirst("^\\[\\d\\d:\\d\\d\\] ", "");
    }
}
