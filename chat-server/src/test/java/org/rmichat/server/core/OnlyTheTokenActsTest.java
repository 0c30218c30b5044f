package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.SessionToken;
import org.rmichat.api.UnknownSessionException;

/** Identity is the token: nothing else, not a user id, not a near miss, lets one client act as another. */
@Timeout(10)
class OnlyTheTokenActsTest {
    private final ChatRoom room = new ChatRoom(RoomConfig.defaults(), new InMemoryEventBus(), Ticker.system());

    OnlyTheTokenActsTest() {
        room.start();
    }

    @AfterEach
    void close() throws InterruptedException {
        room.close();
    }

    @Test
    void forgedTokensCannotSendAsAnother() throws Exception {
        Session alice = room.join(new JoinRequest("alice", null));
        Session carol = room.join(new JoinRequest("carol", null));

        for (SessionToken forged : forgeries(alice)) {
            UnknownSessionException e = assertThrows(UnknownSessionException.class,
                    () -> room.send(new SendRequest(forged, 1, "I am alice")));
            assertEquals("unknown session", e.getMessage());
        }
        room.send(new SendRequest(alice.token(), 1, "marker"));

        // alice's own marker is the first message carol gets, so no forgery went out in her name
        assertEquals(List.of("alice: marker"), messages(nextEvents(carol.token(), 0)));
    }

    @Test
    void forgedTokensCannotReadAnothersQueue() throws Exception {
        Session alice = room.join(new JoinRequest("alice", null));
        Session bob = room.join(new JoinRequest("bob", null));
        room.send(new SendRequest(bob.token(), 1, "for alice"));
        room.send(new SendRequest(alice.token(), 1, "sync"));
        assertEquals(List.of("alice: sync"), messages(nextEvents(bob.token(), 0)));   // the broadcaster is past it

        for (SessionToken forged : forgeries(alice)) {
            assertThrows(UnknownSessionException.class, () -> room.poll(new PollRequest(forged, 0, 100, 0)));
            assertThrows(UnknownSessionException.class, () -> room.who(forged));
            assertThrows(UnknownSessionException.class, () -> room.leave(forged));
        }

        // nothing was taken from alice's queue and she is still in
        assertEquals(List.of("bob: for alice"), messages(nextEvents(alice.token(), 0)));
        assertEquals(2, room.online());
    }

    @Test
    void aTokenStopsWorkingOnceItsSessionLeft() throws Exception {
        Session alice = room.join(new JoinRequest("alice", null));
        room.leave(alice.token());

        assertThrows(UnknownSessionException.class, () -> room.send(new SendRequest(alice.token(), 1, "ghost")));
        assertThrows(UnknownSessionException.class, () -> room.poll(new PollRequest(alice.token(), 0, 1, 0)));
    }

    @Test
    void tokensAreRandom128BitValues() throws Exception {
        Set<Long> highs = new HashSet<>();
        Set<Long> lows = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            SessionToken token = room.join(JoinRequest.anonymous()).token();
            highs.add(token.high());
            lows.add(token.low());
        }
        // sequential or half-empty tokens would collide here; 64 random bits each never do
        assertEquals(200, highs.size());
        assertEquals(200, lows.size());
    }

    @Test
    void tokensCompareEveryBitAndNeverPrintThemselves() {
        SessionToken token = new SessionToken(0x0123_4567_89AB_CDEFL, 0x7EDC_BA98_7654_3210L);

        assertEquals(new SessionToken(token.high(), token.low()), token);
        assertEquals(new SessionToken(token.high(), token.low()).hashCode(), token.hashCode());
        assertNotEquals(new SessionToken(token.high() ^ 1, token.low()), token);
        assertNotEquals(new SessionToken(token.high(), token.low() ^ Long.MIN_VALUE), token);
        assertNotEquals(new SessionToken(token.low(), token.high()), token);
        assertNotEquals(token, null);

        String shown = token + " " + new SendRequest(token, 1, "x") + " " + new PollRequest(token, 0, 1, 0);
        assertTrue(shown.contains("redacted"), shown);
        for (String digits : List.of(Long.toString(token.high()), Long.toHexString(token.high()),
                Long.toString(token.low()), Long.toHexString(token.low()).toUpperCase(),
                Long.toHexString(token.low()))) {
            assertFalse(shown.contains(digits), shown);
        }
    }

    /** Tokens an attacker who knows alice's user id, or most of her token, might try. */
    private static List<SessionToken> forgeries(Session victim) {
        SessionToken real = victim.token();
        return List.of(new SessionToken(0, victim.userId()), new SessionToken(victim.userId(), 0),
                new SessionToken(real.high(), real.low() ^ 1), new SessionToken(real.high() ^ 1, real.low()),
                new SessionToken(real.high(), 0), new SessionToken(0, real.low()), new SessionToken(0, 0));
    }

    private List<ChatEvent> nextEvents(SessionToken token, long ack) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            PollResult batch = room.poll(new PollRequest(token, ack, 100, 1_000));
            List<ChatEvent> messages = batch.events().stream().filter(e -> e instanceof MessagePosted).toList();
            if (!messages.isEmpty()) return messages;
            ack = batch.isEmpty() ? ack : batch.lastSeq();
        }
        throw new AssertionError("no message within 5 s");
    }

    private static List<String> messages(List<ChatEvent> events) {
        return events.stream().map(e -> (MessagePosted) e).map(m -> m.name() + ": " + m.text()).toList();
    }
}
