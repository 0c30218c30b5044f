package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.Notice;
import org.rmichat.server.core.RoomConfig;

/** Redis stopped and started again under two servers while their users chat: told, held, nothing lost or doubled. */
@Timeout(60)
class RedisOutageIT {

    @Test
    void linesSentWhileRedisIsDownAreHeldAndArriveOnceInOrderAndUsersAreTold() throws Exception {
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1).withSessionTimeout(Duration.ofSeconds(10));
        try (var redis = RedisServerFixture.start();
             var a = ServerFixture.clustered(redis, room);
             var b = ServerFixture.clustered(redis, room);
             var alice = TestClient.join(a.service(), "alice");
             var bob = TestClient.join(b.service(), "bob")) {
            assertEquals(List.of("🔵 bob joined"), alice.nextLines(1));
            alice.send("before");
            assertEquals(List.of("alice: before"), bob.nextMessages(1));

            redis.stop();
            assertEquals(new Notice(Notice.BUS_UNAVAILABLE), alice.next(1).get(0));
            assertEquals(new Notice(Notice.BUS_UNAVAILABLE), bob.next(1).get(0));
            for (int i = 1; i <= 5; i++) alice.send("held " + i);
            bob.send("held too");
            redis.restart();

            assertEquals(List.of("⚠ " + Notice.BUS_BACK, "alice: held 1", "alice: held 2", "alice: held 3",
                    "alice: held 4", "alice: held 5"), linesOf(bob.next(6)));
            assertEquals(List.of("⚠ " + Notice.BUS_BACK, "bob: held too"), linesOf(alice.next(2)));
            alice.send("after");
            // alice's next line is bob's next event: nothing held came twice
            assertEquals(List.of("alice: after"), linesOf(bob.next(1)));
        }
    }

    @Test
    void anOutageLongerThanTheLeaseAnnouncesNobodyAsGoneWhoStayed() throws Exception {
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1).withSessionTimeout(Duration.ofSeconds(3));
        try (var redis = RedisServerFixture.start();
             var a = ServerFixture.clustered(redis, room);
             var b = ServerFixture.clustered(redis, room);
             var alice = TestClient.join(a.service(), "alice");
             var bob = TestClient.join(b.service(), "bob")) {
            assertEquals(List.of("🔵 bob joined"), alice.nextLines(1));

            redis.stop();
            assertEquals(new Notice(Notice.BUS_UNAVAILABLE), alice.next(1).get(0));
            assertEquals(new Notice(Notice.BUS_UNAVAILABLE), bob.next(1).get(0));
            // the outage itself lasts past the 3 s lease: the claims Redis saved have lapsed when it loads them
            TimeUnit.SECONDS.sleep(4);
            redis.restart();

            assertEquals(List.of("⚠ " + Notice.BUS_BACK), linesOf(alice.next(1)));
            assertEquals(List.of("⚠ " + Notice.BUS_BACK), linesOf(bob.next(1)));
            // a lease and more later, both still here, and nobody was told otherwise
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int round = 0;
            while (System.nanoTime() < deadline) {
                alice.send("still here " + ++round);
                assertEquals(List.of("alice: still here " + round), linesOf(bob.next(1)));
                bob.send("me too " + round);
                assertEquals(List.of("bob: me too " + round), linesOf(alice.next(1)));
            }
        }
    }

    private static List<String> linesOf(List<ChatEvent> events) {
        var formatter = new org.rmichat.client.EventFormatter();
        return new ArrayList<>(events.stream().map(formatter::format).toList());
    }
}
