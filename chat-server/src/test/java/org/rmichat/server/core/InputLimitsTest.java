package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.ServerFullException;
import org.rmichat.api.ServerLimits;
import org.rmichat.api.Session;

/** Message length, blank text, the per-session rate limit and the client cap, each with a readable error. */
@Timeout(10)
class InputLimitsTest {
    private final AtomicLong clock = new AtomicLong();
    private ChatRoom room;

    private ChatRoom start(RoomConfig config) {
        room = new ChatRoom(config, new InMemoryEventBus(), clock::get);
        room.start();
        return room;
    }

    @AfterEach
    void close() throws InterruptedException {
        if (room != null) room.close();
    }

    @Test
    void messagesLongerThanTheLimitAreRefused() throws Exception {
        start(RoomConfig.defaults().withMaxMessageLength(10));
        Session alice = room.join(new JoinRequest("alice", null));

        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> room.send(new SendRequest(alice.token(), 1, "x".repeat(11))));
        assertEquals("message too long: 11 characters, limit 10", e.getMessage());

        room.send(new SendRequest(alice.token(), 2, "x".repeat(10)));
        room.send(new SendRequest(alice.token(), 3, "👍".repeat(10)));   // characters, not UTF-16 units
    }

    @Test
    void blankMessagesAreRefused() throws Exception {
        start(RoomConfig.defaults());
        Session alice = room.join(new JoinRequest("alice", null));

        for (String blank : new String[] {"", "   ", "\t\t", "\u001B[2J"}) {
            InvalidMessageException e = assertThrows(InvalidMessageException.class,
                    () -> room.send(new SendRequest(alice.token(), 1, blank)));
            assertEquals("message is blank", e.getMessage());
        }
    }

    @Test
    void theRateLimitSlowsOnlyTheSenderOverIt() throws Exception {
        start(RoomConfig.defaults().withRateLimit(10, 5));
        Session alice = room.join(new JoinRequest("alice", null));
        Session bob = room.join(new JoinRequest("bob", null));

        for (int seq = 1; seq <= 5; seq++) room.send(new SendRequest(alice.token(), seq, "burst " + seq));
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> room.send(new SendRequest(alice.token(), 6, "one too many")));
        assertEquals("slow down: rate limit", e.getMessage());

        room.send(new SendRequest(bob.token(), 1, "bob is not limited by alice"));

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));   // one token at 10/s
        room.send(new SendRequest(alice.token(), 6, "after the refill"));
        assertThrows(RateLimitedException.class, () -> room.send(new SendRequest(alice.token(), 7, "again")));
    }

    @Test
    void theLimitsAreToldAtJoin() throws Exception {
        start(RoomConfig.defaults().withMaxMessageLength(300).withRateLimit(4, 7));

        ServerLimits limits = room.join(JoinRequest.anonymous()).limits();

        assertEquals(300, limits.maxMessageLength());
        assertEquals(4.0, limits.messagesPerSecond());
        assertEquals(7, limits.burst());
    }

    @Test
    void joinsBeyondMaxClientsAreRefusedUntilSomeoneLeaves() throws Exception {
        start(RoomConfig.defaults().withMaxClients(2));
        Session alice = room.join(new JoinRequest("alice", null));
        room.join(new JoinRequest("bob", null));

        ServerFullException e = assertThrows(ServerFullException.class,
                () -> room.join(new JoinRequest("carol", null)));
        assertEquals("server is full", e.getMessage());

        room.leave(alice.token());
        room.join(new JoinRequest("carol", null));
        assertEquals(2, room.online());
    }
}
