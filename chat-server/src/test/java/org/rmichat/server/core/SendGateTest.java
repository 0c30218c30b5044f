package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.RateLimitedException;

class SendGateTest {
    private final FakeTicker ticker = new FakeTicker();
    private final List<Long> posted = new ArrayList<>();

    @Test
    void eachNumberIsPostedOnceAndARetryCostsNothing() throws Exception {
        SendGate gate = new SendGate(ticker, new TokenBucket(ticker, 1, 2));

        assertTrue(gate.sendOnce(1, () -> posted.add(1L)));
        assertFalse(gate.sendOnce(1, () -> posted.add(1L)), "a retry whose reply was lost");
        assertTrue(gate.sendOnce(2, () -> posted.add(2L)));   // the retry left the budget's second unit

        assertEquals(List.of(1L, 2L), posted);
        assertThrows(RateLimitedException.class, () -> gate.sendOnce(3, () -> posted.add(3L)));
    }

    @Test
    void aPostThatFailsAcceptsNothingSoTheResendGoesThrough() throws Exception {
        SendGate gate = new SendGate(ticker, new TokenBucket(ticker, 0, 1));

        assertThrows(ChatUnavailableException.class, () -> gate.sendOnce(1, () -> {
            throw new ChatUnavailableException("bus away");
        }));
        assertTrue(gate.sendOnce(1, () -> posted.add(1L)));
    }

    @Test
    void idleTimeCountsFromTheLastLineAccepted() throws Exception {
        SendGate gate = new SendGate(ticker, new TokenBucket(ticker, 0, 1));
        ticker.advance(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(5).toNanos(), gate.idleNanos(ticker.nanos()));

        gate.sendOnce(1, () -> posted.add(1L));
        assertEquals(0, gate.idleNanos(ticker.nanos()));
    }
}
