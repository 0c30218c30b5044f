package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseTest {
    private static final long TIMEOUT = Duration.ofSeconds(30).toNanos();
    private final FakeTicker ticker = new FakeTicker();
    private final Lease lease = new Lease(ticker);

    @Test
    void itLapsesAfterTheTimeoutWithoutACallAndARenewalPutsThatOff() {
        ticker.advance(Duration.ofSeconds(29));
        lease.renew();
        ticker.advance(Duration.ofSeconds(29));
        assertFalse(lease.hasLapsed(ticker.nanos(), TIMEOUT));

        ticker.advance(Duration.ofSeconds(2));
        assertTrue(lease.hasLapsed(ticker.nanos(), TIMEOUT));
    }

    @Test
    void aPollInProgressKeepsItAlive() {
        lease.pollStarted();
        ticker.advance(Duration.ofMinutes(5));
        assertFalse(lease.hasLapsed(ticker.nanos(), TIMEOUT));

        lease.pollEnded();
        assertFalse(lease.hasLapsed(ticker.nanos(), TIMEOUT), "the poll's end renews it");
    }
}
