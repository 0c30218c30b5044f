package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.Member;
import org.rmichat.api.MemberDetails;
import org.rmichat.api.NoSuchUserException;
import org.rmichat.api.WhoisRequest;
import org.rmichat.server.core.RoomConfig;

/** Away and whois across two servers on one Redis: set on one, seen on the other, gone with its owner. */
@Timeout(60)
class AwayClusterIT {
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
