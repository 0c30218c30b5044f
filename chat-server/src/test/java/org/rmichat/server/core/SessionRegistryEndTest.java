package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session ended by the server: whoever looks for it finds it, or finds why it ended; never neither. */
@Timeout(30)
class SessionRegistryEndTest {
    private static final int SESSIONS = 20_000;

    private final SessionRegistry registry = new SessionRegistry(SESSIONS);

    private ClientSession add(long userId) throws Exception {
        Ticker ticker = Ticker.system();
        ClientSession session = new ClientSession(registry.newToken(), userId, "u" + userId, userId + 1, 10, ticker,
                new TokenBucket(ticker, 0, 1));
        registry.reserveSlot();
        registry.add(session);
        return session;
    }

    @Test
    void aPollRacingAnEvictionIsToldTheReasonNotThatTheSessionIsUnknown() throws Exception {
        AtomicReference<ClientSession> current = new AtomicReference<>(add(0));
        AtomicInteger unexplained = new AtomicInteger();
        Thread poller = new Thread(() -> {
            // as ChatRoom.live does: the session, else the reason it ended
            while (!Thread.currentThread().isInterrupted()) {
                ClientSession session = current.get();
                if (session == null) return;
                if (registry.find(session.token()).isEmpty() && registry.endedReason(session.token()).isEmpty()) {
                    unexplained.incrementAndGet();
                }
            }
        }, "test-poller");
        poller.start();
        for (long id = 1; id < SESSIONS; id++) {
            ClientSession next = add(id);
            registry.remove(current.get(), Optional.of("too far behind"));
            current.set(next);
        }
        current.set(null);
        poller.join();

        assertEquals(0, unexplained.get());
    }

    /**
     * The reasons kept are bounded, and it is the oldest that go: the test above once found neither session
     * nor reason when the cap emptied every reason at once, the one just written included.
     */
    @Test
    void pastTheCapTheOldestReasonsGoAndTheLatestStay() throws Exception {
        List<ClientSession> ended = new ArrayList<>();
        for (long id = 0; id <= 10_000; id++) {
            ClientSession session = add(id);
            registry.remove(session, Optional.of("evicted " + id));
            ended.add(session);
        }

        assertEquals(Optional.empty(), registry.endedReason(ended.get(0).token()));
        assertEquals(Optional.of("evicted 1"), registry.endedReason(ended.get(1).token()));
        assertEquals(Optional.of("evicted 9999"), registry.endedReason(ended.get(9_999).token()));
        assertEquals(Optional.of("evicted 10000"), registry.endedReason(ended.get(10_000).token()));
    }
}
