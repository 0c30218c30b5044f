package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.Notice;

/** Who wakes a session's poll, and when. */
@Timeout(30)
class SessionQueueTest {
    private final SessionQueue queue = new SessionQueue(3);
    private final List<Thread> consumers = new ArrayList<>();

    @AfterEach
    void stopConsumers() {
        consumers.forEach(Thread::interrupt);
    }

    @Test
    void quietOffersLeaveTheConsumerWaitingUntilItIsWokenOnceForAll() throws Exception {
        CompletableFuture<Delivery> taken = consumeOne();
        awaitWaitingConsumer();

        assertTrue(queue.offerQuietly(delivery("one")));
        assertTrue(queue.offerQuietly(delivery("two")));
        assertTrue(queue.hasWaitingConsumer(), "a quiet offer woke the consumer");

        queue.wakeConsumer();

        assertEquals("one", text(taken.get(10, TimeUnit.SECONDS)));
        List<Delivery> rest = new ArrayList<>();
        assertEquals(1, queue.drainTo(rest, 10));
        assertEquals("two", text(rest.get(0)));
    }

    @Test
    void aPlainOfferWakesTheConsumerAtOnce() throws Exception {
        CompletableFuture<Delivery> taken = consumeOne();
        awaitWaitingConsumer();

        assertTrue(queue.offer(delivery("notice")));

        assertFalse(queue.hasWaitingConsumer());
        assertEquals("notice", text(taken.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void wakingWithNothingQueuedLeavesTheConsumerWaiting() throws Exception {
        consumeOne();
        awaitWaitingConsumer();

        queue.wakeConsumer();

        assertTrue(queue.hasWaitingConsumer());
    }

    @Test
    void aFullQueueRefusesAndAClearedOneTakesAgain() {
        for (int i = 0; i < 3; i++) assertTrue(queue.offerQuietly(delivery("line " + i)));

        assertFalse(queue.offerQuietly(delivery("one too many")));
        assertFalse(queue.offer(delivery("one too many")));
        assertEquals(3, queue.size());

        queue.clear();

        assertNull(queue.poll());
        Delivery closed = delivery("closed");
        assertTrue(queue.offer(closed));
        assertSame(closed, queue.poll());
    }

    @Test
    void whatTheConsumerTookStaysHeldUntilReleased() {
        for (int i = 0; i < 3; i++) assertTrue(queue.offerQuietly(delivery("line " + i)));
        List<Delivery> taken = new ArrayList<>();
        queue.drainTo(taken, 2);
        assertEquals(1, queue.size());
        assertEquals(3, queue.held());

        assertFalse(queue.offerQuietly(delivery("still too many")));
        queue.release(2);

        assertEquals(1, queue.held());
        assertTrue(queue.offerQuietly(delivery("now there is room")));
        queue.clear();
        assertEquals(0, queue.held(), "nothing taken and not released");
    }

    @Test
    void aTimedPollWithNothingQueuedReturnsNull() throws Exception {
        assertNull(queue.poll(1, TimeUnit.MILLISECONDS));
    }

    private CompletableFuture<Delivery> consumeOne() {
        CompletableFuture<Delivery> taken = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            try {
                taken.complete(queue.poll(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                taken.completeExceptionally(e);
            }
        }, "session-queue-consumer");
        consumers.add(consumer);
        consumer.start();
        return taken;
    }

    private void awaitWaitingConsumer() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!queue.hasWaitingConsumer()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the consumer never waited");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static Delivery delivery(String text) {
        return Delivery.local(Envelope.toEveryone(new Notice(text)));
    }

    private static String text(Delivery delivery) {
        return ((Notice) delivery.envelope().event()).text();
    }
}
