package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;

@Timeout(30)
class SessionLinkTest {
    private final ScriptedService service = new ScriptedService();
    private final RecordingConsole console = new RecordingConsole();
    private final SessionLink link = new SessionLink(new ServiceLookup() {
        @Override
        public ChatService lookup() {
            return service;
        }

        @Override
        public String describe() {
            return "test:1";
        }
    }, Optional.empty(), console, Duration.ZERO);

    @Test
    void aClosedSessionSeenByBothThreadsIsToldAndRejoinedOnce() throws Exception {
        Attachment closed = link.open(Optional.of("alice"));

        Attachment rejoined = link.rejoin(closed, "disconnected by server: too far behind");
        // the other thread's call failed on the same attachment: it finds the repair done
        assertSame(rejoined, link.rejoin(closed, "disconnected by server: too far behind"));
        assertSame(rejoined, link.reconnect(closed));

        assertEquals(List.of("⚠ disconnected by server: too far behind", "✅ rejoined"), console.lines);
        assertEquals(2, service.joins.size());
    }
}
