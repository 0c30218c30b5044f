package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.Session;
import org.rmichat.api.UserJoined;

/**
 * The reaper's tick can fall between a session's registration and its join's claim; it leaves such a session to
 * its join. A shared store takes a claim it does not hold back quietly on renewal (Redis restarted empty), so
 * renewing a session still joining would claim its name ahead of the join, which would then look like a quiet
 * return: no one would hear that it joined (CI met this with three servers on one Redis). And a join slower than
 * the session timeout must not be timed out half-way, nor the moment it returns.
 */
@Timeout(30)
class ReaperDuringJoinTest {

    @Test
    void aRenewalInTheMiddleOfAJoinLeavesTheJoinToAnnounceItself() throws Exception {
        EventBus bus = new InMemoryEventBus();
        StoreTakingClaimsBack store = new StoreTakingClaimsBack(bus);
        try (ChatRoom room = new ChatRoom(RoomConfig.defaults(), bus, store, Ticker.system())) {
            room.start();
            Session bob = room.join(new JoinRequest("bob", null));
            store.beforeNextClaim(claim -> room.reapExpiredNow());   // the reaper's tick, inside alice's join
            room.join(new JoinRequest("alice", null));

            PollResult seen = room.poll(new PollRequest(bob.token(), 0, 10, 5_000));
            assertEquals(List.of(new UserJoined(1, "alice")), seen.events());
        }
    }

    @Test
    void aJoinSlowerThanTheSessionTimeoutIsNotReapedHalfWayAndItsClientGetsAWholeTimeout() throws Exception {
        FakeTicker ticker = new FakeTicker();
        EventBus bus = new InMemoryEventBus();
        StoreTakingClaimsBack store = new StoreTakingClaimsBack(bus);
        try (ChatRoom room = new ChatRoom(RoomConfig.defaults().withSessionTimeout(Duration.ofSeconds(30)), bus,
                store, ticker)) {
            room.start();
            store.beforeNextClaim(claim -> {
                ticker.advance(Duration.ofSeconds(31));   // a store slower than the session timeout
                room.reapExpiredNow();
            });
            Session alice = room.join(new JoinRequest("alice", null));
            room.reapExpiredNow();   // just after the join returned: alice has not been silent at all

            assertEquals(List.of(), room.poll(new PollRequest(alice.token(), 0, 10, 0)).events());
        }
    }

    /** Claims as the Redis scripts make them: a renewal of a name no one holds takes it for the renewer. */
    private static final class StoreTakingClaimsBack implements Presence {
        private final LocalPresence announcer;
        private final Map<String, Long> holders = new ConcurrentHashMap<>();
        private volatile Consumer<PresenceClaim> beforeNextClaim = claim -> { };

        StoreTakingClaimsBack(EventBus bus) {
            this.announcer = new LocalPresence(bus);
        }

        void beforeNextClaim(Consumer<PresenceClaim> action) {
            beforeNextClaim = action;
        }

        @Override
        public Arrival claim(PresenceClaim claim, Envelope joined, Envelope obituary) throws ChatException {
            Consumer<PresenceClaim> action = beforeNextClaim;
            beforeNextClaim = c -> { };
            action.accept(claim);
            Long holder = holders.putIfAbsent(claim.name(), claim.clientId());
            if (holder != null && holder == claim.clientId()) return Arrival.RETURNING;
            return announcer.claim(claim, joined, obituary);
        }

        @Override
        public Set<Long> renew(Collection<PresenceClaim> claims) {
            for (PresenceClaim claim : claims) holders.putIfAbsent(claim.name(), claim.clientId());
            return Set.of();
        }

        @Override
        public void release(PresenceClaim claim, Envelope left) {
            holders.remove(claim.name(), claim.clientId());
            announcer.release(claim, left);
        }

        @Override
        public void rename(PresenceClaim claim, String newName, Envelope renamed, Envelope newObituary)
                throws ChatException {
            announcer.rename(claim, newName, renamed, newObituary);
        }

        @Override
        public void sweep() {
        }

        @Override
        public Optional<List<Present>> members() {
            return Optional.empty();
        }
    }
}
