package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.AuthenticationFailedException;
import org.rmichat.api.ChatException;
import org.rmichat.api.JoinRequest;
import org.rmichat.server.core.ChatRoom;
import org.rmichat.server.core.InMemoryEventBus;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.core.Ticker;

/** The adapter's own rules, called directly (the caller's address is then "local") on a fake clock. */
@Timeout(10)
class RmiChatServiceTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = now::get;
    private final ChatRoom room = new ChatRoom(RoomConfig.defaults().withPassword(Optional.of("s3cret")),
            new InMemoryEventBus(), ticker);
    private final RmiChatService service = new RmiChatService(room, ticker);

    @AfterEach
    void close() throws InterruptedException {
        room.close();
    }

    @Test
    void afterAWrongPasswordEvenTheRightOneWaitsItsTurn() throws Exception {
        assertThrows(AuthenticationFailedException.class, () -> service.join(new JoinRequest("eve", "guess")));

        ChatException e = assertThrows(ChatException.class, () -> service.join(new JoinRequest("alice", "s3cret")));
        assertEquals("too many failed joins from your address; try again in 1 s", e.getMessage());

        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertEquals("alice", service.join(new JoinRequest("alice", "s3cret")).name());
    }

    @Test
    void theWaitDoublesWithEachFailureInARow() throws Exception {
        for (int failures = 1; failures <= 4; failures++) {
            assertThrows(AuthenticationFailedException.class, () -> service.join(new JoinRequest("eve", "guess")));
            now.addAndGet(Duration.ofMillis(250L << (failures - 1)).toNanos() - 1);
            assertThrows(ChatException.class, () -> service.join(new JoinRequest("eve", "guess")),
                    "still waiting a nanosecond before the end");
            now.incrementAndGet();
        }
        assertThrows(AuthenticationFailedException.class, () -> service.join(new JoinRequest("eve", "guess")));
        assertEquals("too many failed joins from your address; try again in 4 s",
                assertThrows(ChatException.class, () -> service.join(new JoinRequest("eve", "s3cret"))).getMessage());
    }

    @Test
    void aMissingArgumentIsABadRequestNotAnInternalError() {
        assertEquals("bad request: join needs an argument",
                assertThrows(ChatException.class, () -> service.join(null)).getMessage());
        assertEquals("bad request: send needs an argument",
                assertThrows(ChatException.class, () -> service.send(null)).getMessage());
        assertEquals("bad request: poll needs an argument",
                assertThrows(ChatException.class, () -> service.poll(null)).getMessage());
        assertEquals("bad request: who needs an argument",
                assertThrows(ChatException.class, () -> service.who(null)).getMessage());
    }
}
