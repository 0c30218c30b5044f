package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.Member;
import org.rmichat.api.MemberDetails;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.NickRequest;
import org.rmichat.api.NoSuchUserException;
import org.rmichat.api.WhoisRequest;
import org.rmichat.server.core.RoomConfig;

/** Two servers on one Redis are one chat: one order, no self-echo, one member list, one set of names, one away. */
@Timeout(60)
class TwoServersIT {
    private RedisServerFixture redis;
    private ServerFixture a;
    private ServerFixture b;

    @BeforeEach
    void startCluster() throws Exception {
        redis = RedisServerFixture.start();
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1);
        a = ServerFixture.clustered(redis, room);
        b = ServerFixture.clustered(redis, room);
    }

    @AfterEach
    void stopCluster() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        if (redis != null) redis.close();
    }

    @Test
    void everyoneSeesEveryOtherLineOnceInOneOrderAndNeverTheirOwn() throws Exception {
        try (var alice = TestClient.join(a.service(), "alice");
             var bob = TestClient.join(a.service(), "bob");
             var carol = TestClient.join(b.service(), "carol");
             var dave = TestClient.join(b.service(), "dave");
             var eve = TestClient.join(b.service(), "eve")) {
            List<TestClient> talkers = List.of(alice, bob, carol, dave);
            for (int round = 1; round <= 5; round++) {
                for (TestClient talker : talkers) talker.send("round " + round);
            }
            eve.send("end");

            List<String> order = eve.nextMessages(20);   // eve only listens: she sees the whole order
            for (TestClient talker : talkers) {
                List<String> expected = new ArrayList<>(order);
                expected.removeIf(line -> line.startsWith(talker.name() + ":"));
                expected.add("eve: end");
                // eve's end is the next line after the others', so nobody's own line came back in between
                assertEquals(expected, talker.nextMessages(16), talker.name());
            }
        }
    }

    @Test
    void joinsAndLeavesOnOneServerAreShownOnTheOther() throws Exception {
        try (var alice = TestClient.join(a.service(), "alice")) {
            var carol = TestClient.join(b.service(), "carol");
            carol.close();

            assertEquals(List.of("🔵 carol joined", "🔴 carol left"), alice.nextLines(2));
        }
    }

    @Test
    void whoListsBothServersAndNamesAreUniqueAcrossThem() throws Exception {
        try (var alice = TestClient.join(a.service(), "alice");
             var carol = TestClient.join(b.service(), "carol")) {

            List<String> fromA = a.service().who(alice.session().token()).members().stream().map(Member::name).toList();
            List<String> fromB = b.service().who(carol.session().token()).members().stream().map(Member::name).toList();

            assertEquals(List.of("alice", "carol"), fromA);
            assertEquals(fromA, fromB);
            var clash = assertThrows(NameTakenException.class, () -> b.service().join(new JoinRequest("ALICE", null)));
            assertEquals("name \"ALICE\" is taken", clash.getMessage());
        }
    }

    @Test
    void whoMarksOnlyTheAskerAsYouAndShowsRealIdleTimesForEveryServer() throws Exception {
        try (var alice = TestClient.join(a.service(), "alice");
             var carol = TestClient.join(b.service(), "carol")) {
            // both are the first on their server, so both have user id 0 there
            assertEquals(alice.session().userId(), carol.session().userId());

            List<Member> seenByCarol = b.service().who(carol.session().token()).members();
            assertEquals(List.of("carol"), seenByCarol.stream().filter(Member::you).map(Member::name).toList());
            List<Member> seenByAlice = a.service().who(alice.session().token()).members();
            assertEquals(List.of("alice"), seenByAlice.stream().filter(Member::you).map(Member::name).toList());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (idleOf("alice", b.service().who(carol.session().token()).members()) < 1) {
                if (System.nanoTime() > deadline) throw new AssertionError("alice's idle time stays 0 on b");
                TimeUnit.MILLISECONDS.sleep(100);   // idle time is counted in whole seconds
            }
            alice.send("now I am here");
            // her own server knows at once, not only at its next lease renewal
            assertEquals(0, idleOf("alice", a.service().who(alice.session().token()).members()));
        }
    }

    private static long idleOf(String name, List<Member> members) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().idleSeconds();
    }

    @Test
    void aPrivateLineReachesOnlyItsAddresseeEvenWhenUserIdsCollideAcrossServers() throws Exception {
        // alice (a) and carol (b) are each user 0 of their own server; only the origin tells them apart
        try (var alice = TestClient.join(a.service(), "alice");
             var bob = TestClient.join(a.service(), "bob");
             var carol = TestClient.join(b.service(), "carol")) {
            assertEquals(alice.session().userId(), carol.session().userId());

            bob.sendPrivately("alice", "psst");
            bob.send("marker");

            // carol's next line is the public one: the private line, sent just before it, never reached her
            assertEquals(List.of("bob: marker"), carol.nextLines(1));
            assertEquals(List.of("🔵 bob joined", "🔵 carol joined", "[private] bob: psst", "bob: marker"),
                    alice.nextLines(4));
        }
    }

    @Test
    void aRenameIsSeenOnEveryServerAndTwoRacingForOneNameGetItOnce() throws Exception {
        try (var alice = TestClient.join(a.service(), "alice");
             var bob = TestClient.join(b.service(), "bob");
             var watcher = TestClient.join(b.service(), "watcher")) {
            assertEquals("alicia", a.service().nick(new NickRequest(alice.session().token(), "alicia")));
            List<String> seen = new ArrayList<>();
            while (!seen.contains("✏ alice is now known as alicia")) seen.addAll(watcher.nextLinesSkippingNotices(1));
            assertThrows(NameTakenException.class, () -> b.service().join(new JoinRequest("ALICIA", null)));
            assertEquals(List.of("alice"), List.of(b.service().join(new JoinRequest("alice", null)).name()));

            // both at once, on two servers: exactly one wins
            var fromA = java.util.concurrent.CompletableFuture.supplyAsync(() -> rename(a, alice, "carol"));
            var fromB = java.util.concurrent.CompletableFuture.supplyAsync(() -> rename(b, bob, "carol"));
            List<String> outcomes = List.of(fromA.get(), fromB.get());
            assertEquals(1, outcomes.stream().filter("carol"::equals).count(), outcomes.toString());
            assertEquals(1, outcomes.stream().filter("taken"::equals).count(), outcomes.toString());
        }
    }

    private static String rename(ServerFixture server, TestClient client, String name) {
        try {
            return server.service().nick(new NickRequest(client.session().token(), name));
        } catch (NameTakenException e) {
            return "taken";
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void awaySetOnOneServerIsSeenOnTheOtherUntilItsOwnerLeaves() throws Exception {
        try (var carol = TestClient.join(a.service(), "carol");
             var bob = TestClient.join(b.service(), "bob")) {
            var alice = TestClient.join(a.service(), "alice");
            a.service().away(new AwayRequest(alice.session().token(), "lunch"));

            assertEquals("lunch", awayOf("alice", b.service().who(bob.session().token()).members()));
            MemberDetails seenFromB = b.service().whois(new WhoisRequest(bob.session().token(), "ALICE"));
            assertEquals("alice", seenFromB.name());
            assertEquals("lunch", seenFromB.away());
            assertEquals(List.of("#lobby"), seenFromB.rooms());
            // the server is the one alice is on: carol's, not bob's
            assertNotNull(seenFromB.server());
            assertEquals(whois(b, bob, "carol").server(), seenFromB.server());
            assertNotEquals(whois(b, bob, "bob").server(), seenFromB.server());
            assertEquals(seenFromB.server(), whois(a, carol, "alice").server(), "both servers tell the same");

            alice.close();

            assertNull(awayOf("alice", b.service().who(bob.session().token()).members()));
            assertThrows(NoSuchUserException.class, () -> whois(b, bob, "alice"));
            // back under the same name, a new client is not away
            try (var alice2 = TestClient.join(b.service(), "alice")) {
                assertNull(whois(a, carol, "alice").away());
            }
        }
    }

    @Test
    void backIsSeenOnTheOtherServerAtOnce() throws Exception {
        try (var alice = TestClient.join(a.service(), "alice");
             var bob = TestClient.join(b.service(), "bob")) {
            a.service().away(new AwayRequest(alice.session().token(), "lunch"));
            assertEquals("lunch", whois(b, bob, "alice").away());

            a.service().away(new AwayRequest(alice.session().token(), null));

            assertNull(whois(b, bob, "alice").away());
            assertNull(awayOf("alice", a.service().who(alice.session().token()).members()));
        }
    }

    private static MemberDetails whois(ServerFixture server, TestClient asker, String name) throws Exception {
        return server.service().whois(new WhoisRequest(asker.session().token(), name));
    }

    /** The away text of the member called {@code name}; null when not away or not listed. */
    private static String awayOf(String name, List<Member> members) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().map(Member::away).orElse(null);
    }
}
