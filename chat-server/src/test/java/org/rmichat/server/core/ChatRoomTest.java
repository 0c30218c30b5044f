package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.UnknownSessionException;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChatRoomTest {
    private final RoomHarness harness = new RoomHarness(RoomConfig.defaults().withRateLimit(0, 1));

    @AfterEach
    void close() throws InterruptedException {
        harness.close();
    }

    @Test
    void defaultNamesCountFromZero() throws Exception {
        var first = harness.room.join(JoinRequest.anonymous());
        var second = harness.room.join(JoinRequest.anonymous());

        assertEquals("User 0", first.name());
        assertEquals(0, first.userId());
        assertEquals("User 1", second.name());
    }

    @Test
    void messageReachesEveryoneButTheSender() throws Exception {
        var alice = harness.join("alice");
        var bob = harness.join("bob");
        var carol = harness.join("carol");
        alice.next(2);   // bob and carol joined
        bob.next(1);     // carol joined

        alice.send("hello");
        bob.send("marker");

        assertEquals(List.of("alice: hello", "bob: marker"), carol.nextMessages(2));
        // bob's marker is alice's next event, so her own line never came back
        assertEquals(List.of(new MessagePosted(bob.session.userId(), "bob", "marker")), alice.next(1));
    }

    @Test
    void othersSeeJoinAndLeaveButNotTheirOwn() throws Exception {
        var alice = harness.join("alice");
        var bob = harness.join("bob");

        assertEquals(List.of(new UserJoined(bob.session.userId(), "bob")), alice.next(1));
        harness.room.leave(bob.session.token());
        assertEquals(List.of(new UserLeft(bob.session.userId(), "bob", UserLeft.Reason.QUIT)), alice.next(1));
        assertThrows(UnknownSessionException.class, () -> bob.pollRaw(0));   // leaving ends the token
    }

    @Test
    void everyoneSeesTheSameOrder() throws Exception {
        var members = List.of(harness.join("a"), harness.join("b"), harness.join("c"), harness.join("d"));
        for (int i = 0; i < members.size(); i++) members.get(i).next(members.size() - 1 - i);

        for (int round = 0; round < 50; round++) {
            for (var m : members) m.send(m.session.name() + round);
        }

        List<String> all = members.get(0).nextMessages(150);
        for (var m : members.subList(1, members.size())) {
            List<String> seen = m.nextMessages(150);
            assertEquals(all.stream().filter(line -> !line.startsWith(m.session.name() + ":")).toList(),
                    seen.stream().filter(line -> !line.startsWith("a:")).toList());
        }
    }

    @Test
    void aLineSentBySomeoneWhoSawTheJoinReachesTheNewcomer() throws Exception {
        var alice = harness.join("alice");
        for (int i = 0; i < 50; i++) {
            String name = "newcomer" + i;
            var joining = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return harness.join(name);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(List.of(new UserJoined(i + 1, name)), alice.next(1));

            alice.send("welcome " + i);   // at once, while the newcomer's join may still be returning

            var newcomer = joining.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(List.of("alice: welcome " + i), newcomer.nextMessages(1));
            harness.room.leave(newcomer.session.token());
            alice.next(1);   // its leave
        }
    }

    @Test
    void namesAreUniqueIgnoringCase() throws Exception {
        harness.join("Alice");

        var e = assertThrows(NameTakenException.class, () -> harness.join("alice"));
        assertEquals("name \"alice\" is taken", e.getMessage());
    }

    @Test
    void invalidNamesAreRefusedWithTheRule() {
        for (String bad : List.of("", "has space", "x".repeat(25), "semi;colon", "tab\tname")) {
            var e = assertThrows(InvalidNameException.class, () -> harness.join(bad), bad);
            assertTrue(e.getMessage().contains("1-24 letters, digits, _ or -"), e.getMessage());
        }
    }

    @Test
    void aDefaultNameTakenByHandIsSkipped() throws Exception {
        harness.join("User 1");   // id 0, but holding the name id 1 would get

        assertEquals("User 2", harness.room.join(JoinRequest.anonymous()).name());
    }

    @Test
    void blankAndOverlongMessagesAreRefused() throws Exception {
        var alice = harness.join("alice");

        assertThrows(InvalidMessageException.class, () -> alice.send("   "));
        var e = assertThrows(InvalidMessageException.class, () -> alice.send("x".repeat(2_001)));
        assertEquals("message too long: 2001 characters, limit 2000", e.getMessage());
    }

    @Test
    void aForgedTokenActsAsNobody() {
        var forged = new org.rmichat.api.SessionToken(1, 2);

        assertThrows(UnknownSessionException.class, () -> harness.room.leave(forged));
    }

    @Test
    void whoListsMembersInJoinOrder() throws Exception {
        var alice = harness.join("alice");
        harness.join("bob");

        var names = harness.room.who(alice.session.token()).members().stream().map(m -> m.name()).toList();
        assertEquals(List.of("alice", "bob"), names);
    }

    @Test
    void idleTimeCountsFromTheLastLineSent() throws Exception {
        var alice = harness.join("alice");
        harness.ticker.advance(Duration.ofSeconds(90));

        assertEquals(90, harness.room.who(alice.session.token()).members().get(0).idleSeconds());
    }

    @Test
    void idleStreamsOfALargeServerAreKeptAliveLessOftenSoTheyCostABoundedNumberOfFramesASecond() {
        assertEquals(org.rmichat.api.PollStream.KEEP_ALIVE_MILLIS, ChatRoom.keepAliveMillis(1_000));
        assertEquals(org.rmichat.api.PollStream.KEEP_ALIVE_MILLIS, ChatRoom.keepAliveMillis(5_000));
        assertEquals(4_000, ChatRoom.keepAliveMillis(10_000));
    }
}
