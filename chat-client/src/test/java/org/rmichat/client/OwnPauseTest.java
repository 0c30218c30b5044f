package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that was itself stopped must not take its server for stopped when it wakes. */
class OwnPauseTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void silenceCountsFromTheLastFrameWhileTheWaitsEndOnTime() {
        OwnPause pause = new OwnPause();
        long heard = 100 * SECOND;
        pause.waited(heard, 6 * SECOND, heard + 6 * SECOND + SECOND / 10);   // a scheduler's 100 ms is no pause
        assertEquals(6 * SECOND + SECOND / 10, pause.silentFor(heard, heard + 6 * SECOND + SECOND / 10));
    }

    @Test
    void aWaitThatEndedLongAfterItAskedWasThisProcessStoppedAndSilenceCountsFromTheWakeUp() {
        OwnPause pause = new OwnPause();
        long heard = 100 * SECOND;
        long woke = heard + 40 * SECOND;   // asked for 6 s, SIGSTOPped for 34 more
        pause.waited(heard, 6 * SECOND, woke);
        assertEquals(0, pause.silentFor(heard, woke));
        assertEquals(5 * SECOND, pause.silentFor(heard, woke + 5 * SECOND));
    }

    @Test
    void aFrameHeardAfterTheWakeUpCountsFromTheFrame() {
        OwnPause pause = new OwnPause();
        long woke = 140 * SECOND;
        pause.waited(100 * SECOND, 6 * SECOND, woke);
        long heard = woke + 2 * SECOND;
        assertEquals(SECOND, pause.silentFor(heard, heard + SECOND));
    }
}
