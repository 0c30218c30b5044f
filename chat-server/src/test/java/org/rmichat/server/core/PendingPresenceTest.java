package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;

/** Which held joins and leaves each session's digest tells, and at which position it stands. */
class PendingPresenceTest {
    private final FakeTicker ticker = new FakeTicker();
    private final PendingPresence pending = new PendingPresence(null);
    private int position;

    @Test
    void everyoneElseSharesOneDigestAtThePositionOfTheLastEventHeld() {
        hold(joined(1, "alice"));
        hold(left(2, "bob"));
        var carol = session(3, "carol");
        var dave = session(4, "dave");

        Delivery digest = pending.digestFor(carol, audienceOf(carol));

        assertEquals(new PresenceDigest(List.of(joined(1, "alice")), 0, List.of(left(2, "bob")), 0),
                digest.envelope().event());
        assertEquals("2", digest.position());
        assertSame(digest, pending.digestFor(dave, audienceOf(dave)));
    }

    @Test
    void aSessionWhoseOwnOriginIsHeldIsToldOfOthersOnlyAndCountedRight() {
        var alice = session(1, "alice");
        for (int i = 100; i < 110; i++) hold(joined(i, "u" + i));
        hold(left(1, "alice"));   // the same client: an earlier session of its own that ended
        hold(joined(1, "alice"));
        for (int i = 110; i < 125; i++) hold(joined(i, "u" + i));

        var digest = (PresenceDigest) pending.digestFor(alice, audienceOf(alice)).envelope().event();

        List<UserJoined> first20 = new ArrayList<>();
        for (int i = 100; i < 120; i++) first20.add(joined(i, "u" + i));
        assertEquals(new PresenceDigest(first20, 5, List.of(), 0), digest);
    }

    @Test
    void aSessionThatWentLiveMidWindowHearsOnlyWhatCameAfter() {
        var carol = session(3, "carol");
        hold(joined(1, "alice"));
        hold(joined(3, "carol"));
        pending.wentLive(carol);
        hold(joined(4, "dave"));

        assertEquals(new PresenceDigest(List.of(joined(4, "dave")), 0, List.of(), 0),
                pending.digestFor(carol, audienceOf(carol)).envelope().event());
    }

    @Test
    void aResumedSessionIsNotToldAgainWhatItShowedElsewhere() {
        var bob = session(2, "bob");
        hold(joined(1, "alice"));       // position 1
        hold(joined(3, "carol"));       // position 2
        hold(joined(4, "dave"));        // position 3

        Delivery digest = pending.digestFor(bob,
                delivery -> audienceOf(bob).test(delivery) && Integer.parseInt(delivery.position()) > 2);

        assertEquals(new PresenceDigest(List.of(joined(4, "dave")), 0, List.of(), 0), digest.envelope().event());
        assertNull(pending.digestFor(bob, delivery -> false), "all shown: no digest at all");
    }

    @Test
    void nothingHeldForASessionIsNoDigest() {
        var alice = session(1, "alice");
        hold(joined(1, "alice"));

        assertNull(pending.digestFor(alice, audienceOf(alice)));
        pending.wentLive(alice);
        assertNull(pending.digestFor(alice, audienceOf(alice)));
    }

    @Test
    void clearingStartsAFreshWindow() {
        var alice = session(1, "alice");
        hold(joined(2, "bob"));
        pending.wentLive(alice);
        pending.clear();
        hold(joined(3, "carol"));

        assertEquals(new PresenceDigest(List.of(joined(3, "carol")), 0, List.of(), 0),
                pending.digestFor(alice, audienceOf(alice)).envelope().event());
    }

    /** Holds the event as if from the session with origin = user id, at the next position. */
    private void hold(ChatEvent event) {
        long origin = event instanceof UserJoined j ? j.userId() : ((UserLeft) event).userId();
        pending.hold(new Delivery(Integer.toString(++position), new Envelope(origin, event)));
    }

    /** The broadcaster's rule for a session that resumed nothing: the audience alone. */
    private static Predicate<Delivery> audienceOf(ClientSession session) {
        return delivery -> delivery.envelope().isFor(session);
    }

    private ClientSession session(long userId, String name) {
        return new ClientSession(new SessionRegistry(10).newToken(), userId, name, userId, 10, ticker,
                new TokenBucket(ticker, 0, 1));
    }

    private static UserJoined joined(long userId, String name) {
        return new UserJoined(userId, name);
    }

    private static UserLeft left(long userId, String name) {
        return new UserLeft(userId, name, UserLeft.Reason.QUIT);
    }
}
