package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rmichat.api.SessionClosedException;

/** A session's life, one state at a time: joining, awaiting its own join or resuming, live, closed. */
class SessionLifeTest {
    private final FakeTicker ticker = new FakeTicker();
    private final ClientSession session = new ClientSession(new SessionRegistry(10).newToken(), 1, "alice", 11, 10,
            ticker, new TokenBucket(ticker, 0, 1));

    @Test
    void aFreshJoinIsLiveOnlyOnceItsOwnJoinIsFannedOut() {
        session.awaitOwnJoin();
        assertTrue(session.awaitsOwnJoin());
        assertFalse(session.isLive());

        session.goLive();

        assertTrue(session.isLive());
        assertFalse(session.awaitsOwnJoin());
        assertNull(session.resumedAfter());
    }

    @Test
    void aResumedSessionGoesLiveHoldingBackWhatItShowedElsewhere() {
        session.startResuming();
        assertFalse(session.isLive());
        assertFalse(session.awaitsOwnJoin(), "a resuming session is not made live by a join line");

        session.goLive("h/7");

        assertTrue(session.isLive());
        assertTrue("h/7".equals(session.resumedAfter()));
    }

    @Test
    void aClosedSessionNeverComesBackToLife() {
        session.awaitOwnJoin();
        session.close("disconnected by server: too far behind");

        session.goLive();
        session.startResuming();

        assertFalse(session.isLive());
        assertTrue(session.isClosed());
        assertThrows(SessionClosedException.class, () -> session.poll(0, 10, 0, 0));
    }
}
