package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedJoinsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailedJoins joins = new FailedJoins(Duration.ofMillis(250), Duration.ofSeconds(60), now::get);

    @Test
    void eachFailureInARowDoublesTheWaitUpToTheMaximum() {
        assertEquals(Optional.empty(), joins.penalty("10.0.0.1"));
        for (long expected : new long[] {250, 500, 1_000, 2_000, 4_000}) {
            joins.failed("10.0.0.1");
            assertEquals(Optional.of(Duration.ofMillis(expected)), joins.penalty("10.0.0.1"));
            advance(Duration.ofMillis(expected));
            assertEquals(Optional.empty(), joins.penalty("10.0.0.1"), "served its wait");
        }
        for (int i = 0; i < 40; i++) joins.failed("10.0.0.1");
        assertEquals(Optional.of(Duration.ofSeconds(60)), joins.penalty("10.0.0.1"));
    }

    @Test
    void onlyTheFailingAddressWaits() {
        joins.failed("10.0.0.1");

        assertEquals(Optional.empty(), joins.penalty("10.0.0.2"));
    }

    @Test
    void aSuccessForgivesTheAddress() {
        joins.failed("10.0.0.1");
        joins.failed("10.0.0.1");
        advance(Duration.ofSeconds(1));

        joins.succeeded("10.0.0.1");
        joins.failed("10.0.0.1");

        assertEquals(Optional.of(Duration.ofMillis(250)), joins.penalty("10.0.0.1"), "starts over at the base");
    }

    @Test
    void theWaitIsToldInWholeSecondsRoundedUp() {
        assertEquals(1, FailedJoins.seconds(Duration.ofMillis(1)));
        assertEquals(1, FailedJoins.seconds(Duration.ofMillis(1_000)));
        assertEquals(2, FailedJoins.seconds(Duration.ofMillis(1_001)));
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
