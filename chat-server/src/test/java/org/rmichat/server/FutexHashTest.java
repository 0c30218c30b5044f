package org.rmichat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FutexHashTest {
    @Test
    void aBucketPerThreadRoundedUpToAPowerOfTwoWithinBounds() {
        assertEquals(1024, FutexHash.slotsFor(10));
        assertEquals(1024, FutexHash.slotsFor(1024));
        assertEquals(2048, FutexHash.slotsFor(1025));
        assertEquals(16384, FutexHash.slotsFor(10_064));
        assertEquals(65536, FutexHash.slotsFor(1_000_000));
    }

    /**
     * This test's JVM is a process like the server's: on a kernel with per-process futex hashes (Linux 6.16 and
     * later) its hash has the buckets asked for afterwards; on any other the call says it left the kernel alone.
     */
    @Test
    void widensThisProcesssHashWhereTheKernelHasOne() {
        OptionalInt before = FutexHash.slots();
        FutexHash.Outcome outcome = FutexHash.widen(20_000);
        if (before.isEmpty()) {
            assertFalse(outcome.widened(), outcome.description());
            assertTrue(outcome.description().contains("left to the kernel"), outcome.description());
            assertTrue(FutexHash.slots().isEmpty());
        } else {
            assertEquals(OptionalInt.of(32768), FutexHash.slots(), outcome.description());
            assertEquals(before.getAsInt() < 32768, outcome.widened(), outcome.description());
            assertFalse(FutexHash.widen(20_000).widened(), "a second call finds enough buckets");
        }
    }
}
