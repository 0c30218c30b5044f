package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollWakersTest {
    private static List<Integer> sessions(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    @Test
    void eachSessionIsSeenToOnceSharedBetweenTheCallerAndAHelper() throws Exception {
        try (PollWakers wakers = new PollWakers(2)) {
            Map<Integer, AtomicInteger> times = new ConcurrentHashMap<>();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            // each share waits for the other to begin, so the test fails unless two threads really take part
            CountDownLatch bothStarted = new CountDownLatch(2);
            Set<String> started = ConcurrentHashMap.newKeySet();
            wakers.wakeAll(sessions(1_000), session -> {
                String thread = Thread.currentThread().getName();
                if (started.add(thread)) {
                    bothStarted.countDown();
                    try {
                        assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "the other share never began");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                threads.add(thread);
                times.computeIfAbsent(session, s -> new AtomicInteger()).incrementAndGet();
            });
            assertEquals(1_000, times.size());
            assertTrue(times.values().stream().allMatch(n -> n.get() == 1), "a session seen to twice");
            assertEquals(Set.of(Thread.currentThread().getName(), "rmichat-fanout-1"), threads);
        }
    }

    @Test
    void aSmallFanOutStaysOnTheCallingThread() throws Exception {
        try (PollWakers wakers = new PollWakers(2)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            wakers.wakeAll(sessions(2 * PollWakers.MIN_SHARE - 1), session -> threads.add(Thread.currentThread().getName()));
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
        }
    }

    @Test
    void oneCoreHasNoHelpers() throws Exception {
        try (PollWakers wakers = new PollWakers(1)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            wakers.wakeAll(sessions(1_000), session -> threads.add(Thread.currentThread().getName()));
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
        }
    }

    @Test
    void aHelpersFailureReachesTheCaller() throws Exception {
        try (PollWakers wakers = new PollWakers(2)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> wakers.wakeAll(sessions(100), session -> {
                        if (session == 99) throw new IllegalStateException("socket gone");
                    }));
            assertEquals("socket gone", thrown.getMessage());
        }
    }
}
