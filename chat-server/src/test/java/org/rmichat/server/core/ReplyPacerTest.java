package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplyPacerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ReplyPacer pacer = new ReplyPacer();

    @Test
    void aClientNeverAnsweredIsAnsweredAtOnce() {
        assertEquals(0, pacer.holdNanos(5 * MS, 50 * MS));
    }

    @Test
    void aClientReceivingManyEventsPerSpacingIsHeldUntilTheSpacingIsUp() {
        for (int i = 0; i <= 10; i++) pacer.answered(i * MS, 1);   // one event a millisecond

        assertEquals(49 * MS, pacer.holdNanos(11 * MS, 50 * MS));
    }

    @Test
    void aClientReceivingAboutOneEventPerSpacingIsAnsweredAtOnce() {
        for (int i = 0; i <= 10; i++) pacer.answered(i * 10 * MS, 1);   // one event every 10 ms

        assertEquals(0, pacer.holdNanos(101 * MS, 10 * MS));
    }

    @Test
    void aClientWhoseRepliesJitterAroundOnePerSpacingIsNeverHeld() {
        // 1,000 clients, a line every 100 ms: where a client falls in each burst of polls moves its replies
        // anywhere in the burst's 100 ms, so its reply intervals range from almost 0 to almost 200 ms
        long spacing = 133 * MS;
        Random burstPosition = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            long now = i * 100 * MS + (long) (burstPosition.nextDouble() * 100 * MS);
            assertEquals(0, pacer.holdNanos(now, spacing), "held at reply " + i);
            pacer.answered(now, 1);
        }
    }

    @Test
    void aClientThatHeardNothingForLongerThanTheSpacingIsAnsweredAtOnce() {
        for (int i = 0; i <= 10; i++) pacer.answered(i * MS, 1);

        assertEquals(0, pacer.holdNanos(70 * MS, 50 * MS));
    }

    @Test
    void noSpacingMeansNoHold() {
        for (int i = 0; i <= 10; i++) pacer.answered(i * MS, 1);

        assertEquals(0, pacer.holdNanos(11 * MS, 0));
    }

    @Test
    void theRateFollowsBatchedReplies() {
        for (int i = 0; i <= 10; i++) pacer.answered(i * 50 * MS, 5);   // five events per 50 ms reply

        assertEquals(100, pacer.eventsPerSecond(), 1);
    }
}
