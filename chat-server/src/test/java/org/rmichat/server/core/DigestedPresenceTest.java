package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rmichat.server.core.RoomPolls.pollUntil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.MissedLines;
import org.rmichat.api.Notice;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;

/**
 * In a chat larger than the announce limit (2 here), joins and leaves reach people as one digest, before the
 * next line and otherwise on a timer; below it they are single lines as ever. The timer is ten minutes except
 * where the timer itself is tested, so in the other tests only the next event can announce a digest.
 */
@Timeout(20)
class DigestedPresenceTest {
    private static final RoomConfig SMALL_LIMIT = RoomConfig.defaults().withRateLimit(0, 1).withAnnounceLimit(2)
            .withDigestInterval(Duration.ofMinutes(10));

    @Test
    void atOrBelowTheLimitJoinsAndLeavesAreSingleLinesAsBefore() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");

            assertEquals(List.of(new UserJoined(bob.session.userId(), "bob")), alice.next(1));
            h.room.leave(bob.session.token());
            assertEquals(List.of(new UserLeft(bob.session.userId(), "bob", UserLeft.Reason.QUIT)), alice.next(1));
        }
    }

    @Test
    void joinsPastTheLimitReachMembersAsOneDigestBeforeTheNextLine() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);   // bob joined, the last single line: the room is at the limit
            var carol = h.join("carol");
            var dave = h.join("dave");
            var erin = h.join("erin");

            bob.send("marker");

            assertEquals(List.of(joined(carol, dave, erin), line(bob, "marker")), alice.next(2));
            assertEquals(List.of(joined(carol, dave, erin)), bob.next(1));
        }
    }

    @Test
    void aNewcomerHearsOfWhoCameAfterItButNeverOfItself() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            var carol = h.join("carol");
            var dave = h.join("dave");
            var erin = h.join("erin");

            bob.send("marker");

            assertEquals(List.of(joined(dave, erin), line(bob, "marker")), carol.next(2));
            assertEquals(List.of(joined(erin), line(bob, "marker")), dave.next(2));
            // nothing held was for erin, so no digest: the marker is her first event
            assertEquals(List.of(line(bob, "marker")), erin.next(1));
        }
    }

    @Test
    void aNewcomersFirstLineComesAfterTheDigestThatNamesIt() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            var carol = h.join("carol");

            carol.send("hi all");

            assertEquals(List.of(joined(carol), line(carol, "hi all")), alice.next(2));
            assertEquals(List.of(joined(carol), line(carol, "hi all")), bob.next(2));
        }
    }

    @Test
    void leavesPastTheLimitAreDigestedBeforeTheNextLine() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            var carol = h.join("carol");
            var dave = h.join("dave");
            h.join("erin");
            bob.send("marker");
            alice.next(2);   // the joins' digest, the marker

            h.room.leave(carol.session.token());
            h.room.leave(dave.session.token());   // three stay: still above the limit
            bob.send("after");

            var left = new PresenceDigest(List.of(), 0, List.of(quit(carol), quit(dave)), 0);
            assertEquals(List.of(left, line(bob, "after")), alice.next(2));
        }
    }

    @Test
    void withoutAnyOtherEventTheTimerAnnounces() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT.withDigestInterval(Duration.ofMillis(20)))) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);

            var carol = h.join("carol");

            assertEquals(List.of(joined(carol)), alice.next(1));
            assertEquals(List.of(joined(carol)), bob.next(1));
        }
    }

    @Test
    void beyondTwentyNamesTheRestAreCounted() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            List<RoomHarness.Member> crowd = crowd(h, 25);

            bob.send("marker");

            var toAlice = new PresenceDigest(joins(crowd.subList(0, 20)), 5, List.of(), 0);
            assertEquals(List.of(toAlice, line(bob, "marker")), alice.next(2));
            var toTheFirst = new PresenceDigest(joins(crowd.subList(1, 21)), 4, List.of(), 0);
            assertEquals(List.of(toTheFirst, line(bob, "marker")), crowd.get(0).next(2));
        }
    }

    @Test
    void joinsOfARoomReachItsMembersOnlyAsOneDigestNamingTheRoom() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            List<RoomHarness.Member> crowd = crowd(h, 39);
            var erin = h.join("erin");   // in the lobby only, as bob
            enter(h, alice, "#dev");

            for (RoomHarness.Member member : crowd) enter(h, member, "#dev");
            erin.send("marker");

            var toAlice = new PresenceDigest(joins(crowd.subList(0, 20)), 19, List.of(), 0, "#dev");
            assertEquals(List.of(toAlice), roomDigests(alice.upTo("marker")));
            // never of itself, nor of who came before it
            var toTheFirst = new PresenceDigest(joins(crowd.subList(1, 21)), 18, List.of(), 0, "#dev");
            assertEquals(List.of(toTheFirst), roomDigests(crowd.get(0).upTo("marker")));
            assertEquals(List.of(), roomDigests(crowd.get(38).upTo("marker")));
            assertEquals(List.of(), roomDigests(bob.upTo("marker")), "bob is not in #dev");
        }
    }

    @Test
    void partsOfARoomReachItsMembersOnlyAsOneDigestNamingTheRoom() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            var carol = h.join("carol");
            var dave = h.join("dave");
            var erin = h.join("erin");   // in the lobby only, as bob
            for (var member : List.of(alice, carol, dave)) enter(h, member, "#dev");
            erin.send("settled");
            for (var member : List.of(alice, bob, carol)) member.upTo("settled");

            h.room.partRoom(new RoomRequest(carol.session.token(), "#dev"));
            h.room.partRoom(new RoomRequest(dave.session.token(), "#dev"));
            erin.send("marker");

            var parted = new PresenceDigest(List.of(), 0, List.of(quit(carol), quit(dave)), 0, "#dev");
            assertEquals(List.of(parted, line(erin, "marker")), alice.upTo("marker"));
            assertEquals(List.of(line(erin, "marker")), carol.upTo("marker"), "carol is no longer in #dev");
            assertEquals(List.of(line(erin, "marker")), bob.upTo("marker"), "bob never was");
        }
    }

    @Test
    void withLimitZeroEvenTwoPeopleGetDigests() throws Exception {
        try (var h = new RoomHarness(SMALL_LIMIT.withAnnounceLimit(0))) {
            var alice = h.join("alice");
            var bob = h.join("bob");

            bob.send("hello");

            assertEquals(List.of(joined(bob), line(bob, "hello")), alice.next(2));
        }
    }

    @Test
    void aServerNoticeComesAfterTheDigestOfWhoCameBeforeIt() throws Exception {
        var bus = new WatchedBus(new InMemoryEventBus());
        try (var h = new RoomHarness(SMALL_LIMIT, bus)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            var carol = h.join("carol");
            bus.awaitDealtWith(3);   // carol's join is held

            bus.becomeUnavailable();

            assertEquals(List.of(joined(carol), new Notice(Notice.BUS_UNAVAILABLE)), alice.next(2));
        }
    }

    @Test
    void theShutdownNoticeComesAfterTheDigestOfWhoCameBeforeIt() throws Exception {
        var bus = new WatchedBus(new InMemoryEventBus());
        try (var h = new RoomHarness(SMALL_LIMIT, bus)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            var carol = h.join("carol");
            bus.awaitDealtWith(3);

            h.room.announceShutdown(0);

            assertEquals(List.of(joined(carol), new Notice(Notice.SHUTTING_DOWN)), alice.next(2));
        }
    }

    /**
     * A client resuming on another server is replayed the joins it missed one by one; the digest that server
     * was holding for them must not tell it again.
     */
    @Test
    void aResumedClientIsNotToldTwiceOfJoinsItsReplayHeld() throws Exception {
        SharedLog log = new SharedLog();
        var secondBus = new WatchedBus(log.reader());
        RoomConfig config = RoomConfig.defaults().withRateLimit(0, 1);
        try (ChatRoom first = new ChatRoom(config, log.reader(), Ticker.system());
             ChatRoom second = new ChatRoom(config.withAnnounceLimit(0).withDigestInterval(Duration.ofMinutes(10)),
                     secondBus, Ticker.system())) {
            first.start();
            second.start();
            Session alice = first.join(new JoinRequest("alice", null, 11, null));          // 1
            Session bob = first.join(new JoinRequest("bob", null, 22, null));              // 2
            Session carol = second.join(new JoinRequest("carol", null, 33, null));         // 3
            first.send(new SendRequest(alice.token(), 1, "a1"));                           // 4
            String shown = pollUntil(first, bob, "a1").position();
            Session dave = first.join(new JoinRequest("dave", null, 44, null));            // 5
            secondBus.awaitDealtWith(5);   // the second server holds dave's join for a digest

            Session resumed = second.join(new JoinRequest("bob", null, 22, shown));        // 6: bob joined
            first.send(new SendRequest(alice.token(), 2, "a2"));                           // 7

            var daveJoined = new UserJoined(dave.userId(), "dave");
            var a2 = new MessagePosted(alice.userId(), "alice", "a2");
            // dave's join is the one event it missed (announced as such); a2 comes live
            assertEquals(List.of(new MissedLines(1, 0), daveJoined, a2), eventsUntil(second, resumed, a2));
            var a1 = new MessagePosted(alice.userId(), "alice", "a1");
            var bobJoined = new UserJoined(resumed.userId(), "bob");
            assertEquals(List.of(a1, new PresenceDigest(List.of(daveJoined, bobJoined), 0, List.of(), 0), a2),
                    eventsUntil(second, carol, a2));
        }
    }


    private static List<ChatEvent> eventsUntil(ChatRoom room, Session session, ChatEvent last) throws Exception {
        List<ChatEvent> events = new ArrayList<>();
        long ack = 0;
        while (!events.contains(last)) {
            PollResult batch = room.poll(new PollRequest(session.token(), ack, 1_000, 5_000));
            if (batch.isEmpty()) throw new AssertionError(last + " never arrived; so far " + events);
            events.addAll(batch.events());
            ack = batch.lastSeq();
        }
        return events;
    }

    private static List<PresenceDigest> roomDigests(List<ChatEvent> events) {
        return events.stream().filter(e -> e instanceof PresenceDigest d && d.room() != null)
                .map(PresenceDigest.class::cast).toList();
    }

    /** {@code size} people joining the chat, crowd0 first. */
    private static List<RoomHarness.Member> crowd(RoomHarness h, int size) throws Exception {
        List<RoomHarness.Member> crowd = new ArrayList<>();
        for (int i = 0; i < size; i++) crowd.add(h.join("crowd" + i));
        return crowd;
    }

    private static void enter(RoomHarness h, RoomHarness.Member member, String room) throws Exception {
        h.room.joinRoom(new RoomRequest(member.session.token(), room));
    }

    private static PresenceDigest joined(RoomHarness.Member... members) {
        return new PresenceDigest(joins(List.of(members)), 0, List.of(), 0);
    }

    private static List<UserJoined> joins(List<RoomHarness.Member> members) {
        return members.stream().map(m -> new UserJoined(m.session.userId(), m.session.name())).toList();
    }

    private static UserLeft quit(RoomHarness.Member member) {
        return new UserLeft(member.session.userId(), member.session.name(), UserLeft.Reason.QUIT);
    }

    private static MessagePosted line(RoomHarness.Member member, String text) {
        return new MessagePosted(member.session.userId(), member.session.name(), text);
    }

    @Test
    void aCrowdLargerThanTheDigestBudgetHearsOfJoinsLessOftenThanTheInterval() {
        long second = TimeUnit.SECONDS.toNanos(1);

        assertEquals(second, Broadcaster.digestDelayNanos(second, 1_000));
        assertEquals(second, Broadcaster.digestDelayNanos(second, Broadcaster.DIGESTS_PER_SECOND));
        assertEquals(5 * second, Broadcaster.digestDelayNanos(second, 10_000));
        assertEquals(3 * second, Broadcaster.digestDelayNanos(3 * second, 2_500));
    }
}
