package org.rmichat.client;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import org.rmichat.api.HistoryPage;
import org.rmichat.api.RoomNames;
import org.rmichat.api.SessionToken;
import org.rmichat.client.console.Console;

/**
 * What the user sees of a room's past: its last lines on joining it, then {@code ── now ──}; and with
 * {@code /history}, the page before the oldest line shown. Remembers, per room, the oldest position shown, so
 * pages go back without repeating. Nothing at all is printed when a room has no history: a user who never types
 * a command sees exactly what they saw before history existed.
 */
final class Scrollback {
    static final String NOW = "── now ──";
    /** Lines a bare {@code /history} fetches. */
    static final int PAGE = 20;

    private final Connection connection;
    private final ChatView view;
    private final Console console;
    private final Map<String, String> oldestShown = new ConcurrentHashMap<>();   // room key -> position
    private volatile SessionToken pagesOf;   // the session oldestShown was paged in
    /** Done once the start's scrollback is shown (or found empty, or given up): a page before it waits for it. */
    private final CompletableFuture<Void> startShown = new CompletableFuture<>();

    Scrollback(Connection connection, ChatView view, Console console) {
        this.connection = connection;
        this.view = view;
        this.console = console;
    }

    /**
     * At start, on the listener thread: the default room's scrollback. A {@code /history} typed meanwhile, on the
     * sender thread, waits for it, so that its page is the one before it and comes after it on screen.
     */
    void onStart(String room) throws InterruptedException, SessionLink.GaveUpException {
        try {
            onJoin(room);
        } finally {
            startShown.complete(null);
        }
    }

    /** On joining {@code room}: its last lines, as many as the server says, then the separator. */
    void onJoin(String room) throws InterruptedException, SessionLink.GaveUpException {
        int lines = connection.historyOnJoin();
        if (lines == 0) return;
        oldestShown.remove(RoomNames.key(room));
        Optional<HistoryPage> page = connection.history(room, null, lines, 0);
        if (page.isEmpty() || page.get().lines().isEmpty()) return;
        show(room, page.get());
        console.println(NOW);
    }

    /** {@code /history}: the page before the oldest line shown of {@code room}, by count or by time span. */
    void earlier(String room, int lines, long spanSeconds) throws InterruptedException, SessionLink.GaveUpException {
        try {
            startShown.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
        if (!connection.token().equals(pagesOf)) {
            // a rejoin (eviction, restart): the new session's scrollback ends where its replay began, so what did
            // not fit in the replay is the first page back
            oldestShown.clear();
            pagesOf = connection.token();
        }
        Optional<HistoryPage> page = connection.history(room, oldestShown.get(RoomNames.key(room)), lines, spanSeconds);
        if (page.isEmpty()) return;
        if (page.get().lines().isEmpty()) {
            console.println("no earlier lines in " + room);
            return;
        }
        int count = page.get().lines().size();
        console.println("── " + count + " earlier " + (count == 1 ? "line" : "lines") + " of " + room
                + (page.get().more() ? " (/history for more)" : "") + " ──");
        show(room, page.get());
        console.println(NOW);
    }

    private void show(String room, HistoryPage page) {
        pagesOf = connection.token();
        oldestShown.put(RoomNames.key(room), page.lines().get(0).position());
        view.showHistory(page.lines(), connection.name());
    }
}
