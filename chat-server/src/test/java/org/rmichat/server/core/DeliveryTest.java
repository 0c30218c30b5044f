package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.Notice;
import org.rmichat.api.PollResult;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The promises of docs/architecture.md "Delivery guarantees", on the core without RMI. */
@Timeout(10)
class DeliveryTest {

    private static RoomHarness harness(RoomConfig config) {
        return new RoomHarness(config);
    }

    private static RoomConfig unlimited() {
        return RoomConfig.defaults().withRateLimit(0, 1);
    }

    @Test
    void aLostPollReplyIsSentAgainUntilAcknowledged() throws Exception {
        try (var h = harness(unlimited())) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);
            bob.send("one");
            bob.send("two");

            PollResult lost = alice.pollRaw(1);          // this reply never reaches alice
            PollResult again = alice.pollRaw(1);         // so she asks again with the same ack

            assertEquals(lost, again);
            List<String> shown = new java.util.ArrayList<>(texts(again.events()));
            bob.send("three");
            long ack = again.lastSeq();
            while (!shown.contains("three")) {
                PollResult next = alice.pollRaw(ack);
                assertEquals(ack + 1, next.firstSeq());
                shown.addAll(texts(next.events()));
                ack = next.lastSeq();
            }
            assertEquals(List.of("one", "two", "three"), shown);
        }
    }

    @Test
    void aPartialAckReleasesOnlyWhatWasShown() throws Exception {
        WatchedBus bus = new WatchedBus(new InMemoryEventBus());
        try (var h = new RoomHarness(unlimited(), bus)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            bob.send("one");
            bob.send("two");
            bus.awaitDealtWith(4);                 // both joins and both lines are in alice's queue
            PollResult batch = alice.pollRaw(0);   // joined, one, two

            PollResult rest = alice.pollRaw(batch.firstSeq() + 1);

            assertEquals(batch.firstSeq() + 2, rest.firstSeq());
            assertEquals(List.of("two"), texts(rest.events()));
        }
    }

    @Test
    void linesThatPiledUpBehindTheBroadcasterReachAWaitingPollInOneReply() throws Exception {
        GatedBus bus = new GatedBus(new InMemoryEventBus());
        try (var h = new RoomHarness(unlimited().withPollBudget(0), bus)) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            PollResult joined = alice.pollRaw(0);   // bob joined
            bus.hold();
            bob.send("one");                         // taken, and held there with the broadcaster
            bob.send("two");                         // waits on the bus behind it
            FutureTask<PollResult> poll = new FutureTask<>(() -> alice.pollRaw(joined.lastSeq(), 10_000));
            Thread poller = new Thread(poll, "alice-poll");
            poller.start();
            awaitState(poller, Thread.State.TIMED_WAITING);   // alice's poll waits for events

            bus.release();

            assertEquals(List.of("one", "two"), texts(poll.get(10, TimeUnit.SECONDS).events()));
        }
    }

    private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != state) {
            if (System.nanoTime() > deadline) throw new AssertionError(thread.getName() + " is " + thread.getState());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void aResentLineIsDeliveredOnce() throws Exception {
        try (var h = harness(unlimited())) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);

            var line = new SendRequest(bob.session.token(), 1, "only once");
            h.room.send(line);
            h.room.send(line);   // the first reply was lost, so the client retries
            h.room.send(new SendRequest(bob.session.token(), 2, "marker"));

            assertEquals(List.of("bob: only once", "bob: marker"), alice.nextMessages(2));
        }
    }

    @Test
    void aSilentSessionTimesOutAndOthersAreTold() throws Exception {
        try (var h = harness(unlimited().withSessionTimeout(Duration.ofSeconds(30)))) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            alice.next(1);

            h.ticker.advance(Duration.ofSeconds(20));
            alice.pollRaw(1, 0);   // alice keeps polling; bob has gone silent
            h.ticker.advance(Duration.ofSeconds(11));
            h.room.reapExpiredNow();

            assertEquals(List.of(new UserLeft(bob.session.userId(), "bob", UserLeft.Reason.TIMED_OUT)),
                    alice.next(1));
            var e = assertThrows(SessionClosedException.class, () -> bob.pollRaw(0));
            assertEquals("disconnected by server: session timed out", e.getMessage());
            assertEquals(1, h.room.online());
        }
    }

    @Test
    void aSessionThatFallsAQueueBehindIsEvictedAndTheOthersKeepEverything() throws Exception {
        try (var h = harness(unlimited().withMaxQueue(5))) {
            var alice = h.join("alice");
            var sleeper = h.join("sleeper");   // never polls
            var bob = h.join("bob");
            alice.next(2);

            // alice reads each line before the next is sent, acknowledging it with her next poll (what she was
            // handed and has not acknowledged counts as held), so only the sleeper's queue (bob joined + m0..m3)
            // fills up
            List<ChatEvent> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                bob.send("m" + i);
                while (!texts(seen).contains("m" + i)) seen.addAll(alice.next(1));
            }
            UserLeft evicted = new UserLeft(sleeper.session.userId(), "sleeper", UserLeft.Reason.TOO_SLOW);
            while (!seen.contains(evicted)) seen.addAll(alice.next(1));

            assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"), texts(seen));
            var e = assertThrows(SessionClosedException.class, () -> sleeper.pollRaw(0));
            assertEquals(SessionClosedException.TOO_FAR_BEHIND, e.getMessage());
        }
    }

    @Test
    void sendsBeyondTheRateAreRefusedForThatUserOnly() throws Exception {
        try (var h = harness(RoomConfig.defaults().withRateLimit(10, 3))) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            for (int i = 0; i < 3; i++) alice.send("burst" + i);

            var e = assertThrows(RateLimitedException.class, () -> alice.send("too fast"));
            assertEquals("slow down: rate limit", e.getMessage());
            bob.send("bob is fine");
            h.ticker.advance(Duration.ofMillis(100));
            alice.send("after a pause");
        }
    }

    @Test
    void aBusyClientAnsweredMomentsAgoGetsWhatArrivesMeanwhileInOneReply() throws Exception {
        // two clients within two replies a second: a busy one is answered at most once a second
        try (var h = harness(unlimited().withPollBudget(2))) {
            var alice = h.join("alice");
            var bob = h.join("bob");
            assertEquals(List.of(new UserJoined(bob.session.userId(), "bob")), alice.next(1));   // answered at once
            bob.send("zero");
            assertEquals(List.of("bob: zero"), alice.nextMessages(1));   // two replies moments apart: alice is busy
            java.util.concurrent.CompletableFuture<PollResult> batch =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return alice.pollRaw(2);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });

            bob.send("one");
            bob.send("two");

            assertEquals(List.of("one", "two"), texts(batch.get(10, java.util.concurrent.TimeUnit.SECONDS).events()));
        }
    }

    @Test
    void shutdownNoticeReachesEveryPollingClient() throws Exception {
        try (var h = harness(unlimited())) {
            var alice = h.join("alice");

            h.room.announceShutdown(0);

            assertEquals(List.of(new Notice(Notice.SHUTTING_DOWN)), alice.next(1));
        }
    }

    private static List<String> texts(List<ChatEvent> events) {
        return events.stream().filter(MessagePosted.class::isInstance).map(e -> ((MessagePosted) e).text()).toList();
    }
}
