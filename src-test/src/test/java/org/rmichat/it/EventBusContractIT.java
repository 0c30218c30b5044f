package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.UserLeft;
import org.rmichat.server.core.Delivery;
import org.rmichat.server.core.Envelope;
import org.rmichat.server.core.EventBus;
import org.rmichat.server.core.InMemoryEventBus;
import org.rmichat.server.core.Replay;
import org.rmichat.server.redis.RedisConfig;
import org.rmichat.server.redis.RedisEventBus;

/**
 * What every {@link EventBus} promises, run against the in-memory bus and the Redis bus alike, then what only
 * a shared bus can: one order for several readers, resends absorbed across servers, replay after a position.
 */
@Timeout(60)
class EventBusContractIT {
    private static RedisServerFixture redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerFixture.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) redis.close();
    }

    interface BusFactory {
        EventBus open();
    }

    static Stream<BusFactory> buses() {
        return Stream.of(named("in-memory", InMemoryEventBus::new), named("redis", () -> redisBus(uniquePrefix())));
    }

    private static BusFactory named(String name, BusFactory factory) {
        return new BusFactory() {
            @Override
            public EventBus open() {
                return factory.open();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static String uniquePrefix() {
        return "test-" + UUID.randomUUID() + ":";
    }

    private static RedisEventBus redisBus(String prefix) {
        return RedisEventBus.connect(RedisConfig.of(redis.uri(), Duration.ofSeconds(5)), prefix);
    }

    private static RedisEventBus redisBus(String prefix, long maxLen) {
        return RedisEventBus.connect(RedisConfig.of(redis.uri(), Duration.ofSeconds(5)).withMaxLen(maxLen), prefix);
    }

    private static Envelope line(long origin, String text) {
        return new Envelope(origin, new MessagePosted(1, "alice", text));
    }

    private static List<String> texts(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> ((MessagePosted) d.envelope().event()).text()).toList();
    }

    private static List<Delivery> take(EventBus bus, int count) throws InterruptedException {
        List<Delivery> taken = new ArrayList<>();
        while (taken.size() < count) taken.add(bus.take());
        return taken;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void whatIsPublishedIsTakenOnceInPublishOrderWithAPositionEach(BusFactory factory) throws Exception {
        try (EventBus bus = factory.open()) {
            for (int i = 1; i <= 50; i++) bus.publish(line(7, "line " + i));
            bus.publish(Envelope.toEveryone(new UserLeft(1, "alice", UserLeft.Reason.QUIT)));

            List<Delivery> taken = take(bus, 51);

            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 50; i++) expected.add("line " + i);
            assertEquals(expected, texts(taken.subList(0, 50)));
            assertEquals(new Envelope(Envelope.NO_ORIGIN, new UserLeft(1, "alice", UserLeft.Reason.QUIT)),
                    taken.get(50).envelope());
            assertEquals(51, taken.stream().map(Delivery::position).distinct().count());
            assertEquals(7, taken.get(0).envelope().origin());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void sendsKeepTheirOriginAndOrder(BusFactory factory) throws Exception {
        try (EventBus bus = factory.open()) {
            bus.publishSend(1, line(42, "first"));
            bus.publishSend(2, line(42, "second"));
            bus.publishSend(1, line(43, "other client"));

            List<Delivery> taken = take(bus, 3);

            assertEquals(List.of("first", "second", "other client"), texts(taken));
            assertEquals(List.of(42L, 42L, 43L), taken.stream().map(d -> d.envelope().origin()).toList());
        }
    }

    @Test
    void twoServersOnOneStreamTakeTheSameOrder() throws Exception {
        String prefix = uniquePrefix();
        try (RedisEventBus a = redisBus(prefix); RedisEventBus b = redisBus(prefix)) {
            for (int i = 0; i < 20; i++) {
                (i % 2 == 0 ? a : b).publish(line(i % 2 + 1, "line " + i));
            }

            List<String> seenByA = texts(take(a, 20));
            List<String> seenByB = texts(take(b, 20));

            assertEquals(seenByA, seenByB);
        }
    }

    @Test
    void aLineResentThroughAnotherServerIsAppendedOnce() throws Exception {
        String prefix = uniquePrefix();
        try (RedisEventBus dying = redisBus(prefix); RedisEventBus survivor = redisBus(prefix)) {
            dying.publishSend(1, line(99, "typed once"));
            survivor.publishSend(1, line(99, "typed once"));   // the client never heard back, so it resends
            survivor.publishSend(2, line(99, "next"));

            assertEquals(List.of("typed once", "next"), texts(take(survivor, 2)));
        }
    }

    @Test
    void replayReturnsWhatCameAfterAPositionAndCountsWhatWasTrimmed() throws Exception {
        String prefix = uniquePrefix();
        try (RedisEventBus bus = redisBus(prefix)) {
            for (int i = 1; i <= 5; i++) bus.publish(line(1, "line " + i));
            List<Delivery> taken = take(bus, 5);

            Replay replay = bus.replay(taken.get(1).position(), taken.get(4).position());

            assertEquals(0, replay.missed());
            assertEquals(List.of("line 3", "line 4", "line 5"), texts(replay.deliveries()));
        }
        try (RedisEventBus small = redisBus(uniquePrefix(), 10)) {
            small.publish(line(1, "line 1"));
            Delivery first = small.take();
            for (int i = 2; i <= 500; i++) small.publish(line(1, "line " + i));
            Delivery last;
            do {   // this reader too finds only what was not trimmed before it read
                last = small.take();
            } while (!((MessagePosted) last.envelope().event()).text().equals("line 500"));

            Replay replay = small.replay(first.position(), last.position());

            assertTrue(replay.missed() > 0, "the stream kept everything: " + replay.missed());
            assertEquals(499, replay.missed() + replay.deliveries().size());
            assertEquals("line 500", texts(replay.deliveries()).get(replay.deliveries().size() - 1));
        }
    }
}
