package org.rmichat.server.core;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One session's bounded queue of deliveries, taken by its poll, where the producer decides when the poll wakes.
 *
 * <p>Bound: what the capacity limits is what is held for the session, queued or taken and not yet
 * {@linkplain #release released}. An item the consumer takes stays counted until it says the item is gone (its
 * client acknowledged it, or it was a signal never delivered): a consumer that takes as fast as it can but whose
 * client reads nothing (a stream writing into socket buffers) would otherwise empty the queue as it fills, and
 * its session would never be found too slow. Taking and counting happen under one lock, so an offer never sees
 * an item in neither place.
 *
 * <p>Protocol: the broadcaster adds everything it took from the bus in one go with {@link #offerQuietly} and then
 * calls {@link #wakeConsumer} once, so a poll that fell k events behind is woken once for all of them rather than
 * k times (a blocking queue signals on every offer to an empty queue). Waking a thread is most of what a
 * delivery costs, and a broadcaster that pays one wake-up per event falls further behind the more it is behind.
 * Any other producer uses {@link #offer}, which wakes the consumer at once. There is one consumer at a time; the
 * session's poll lock sees to that, though a stream waiting in {@link #awaitItem} without that lock may wait
 * beside the one replacing it, so wake-ups go to all waiters (two at most).
 */
final class SessionQueue {
    // an array that grew past this while a client was behind is dropped once the client has caught up
    private static final int KEPT_CAPACITY = 256;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private ArrayDeque<Delivery> items = new ArrayDeque<>();   // guarded by lock
    private int peak;                                          // guarded by lock: most items since last emptied
    private int taken;                                         // guarded by lock: taken and not yet released
    private volatile boolean consumerWaiting;                  // written under lock

    SessionQueue(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
        this.capacity = capacity;
    }

    /** Adds {@code delivery} without waking the consumer; false when what is held is at capacity (above). */
    boolean offerQuietly(Delivery delivery) {
        lock.lock();
        try {
            return add(delivery);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code delivery} and wakes a waiting consumer; false when what is held is at capacity. */
    boolean offer(Delivery delivery) {
        lock.lock();
        try {
            if (!add(delivery)) return false;
            arrived.signalAll();   // a stream being replaced may wait beside its successor
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the consumer if it waits and something is queued. */
    void wakeConsumer() {
        if (!consumerWaiting) return;
        lock.lock();
        try {
            if (!items.isEmpty()) arrived.signalAll();   // a stream being replaced may wait beside its successor
        } finally {
            lock.unlock();
        }
    }

    /** Whether a consumer waits in {@link #poll(long, TimeUnit)} and has not been woken: for tests. */
    boolean hasWaitingConsumer() {
        lock.lock();
        try {
            return lock.hasWaiters(arrived);
        } finally {
            lock.unlock();
        }
    }

    /** The head, or null when empty. */
    Delivery poll() {
        lock.lock();
        try {
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** The head, waiting up to {@code timeout} for one to be added and the consumer woken; null if none came. */
    Delivery poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) return null;
                nanos = awaitArrival(nanos);
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code nanos} until something is queued and the consumer is woken, or {@link #wakeWaiters} is
     * called, without taking anything: for a consumer that takes under a lock of its own, which it must not hold
     * while it waits. {@code over} is asked under this queue's lock before waiting, so a wake-up that comes after
     * whatever makes it true is never missed. Returns early on a stray wake-up too; the caller looks again.
     */
    void awaitItem(long nanos, BooleanSupplier over) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (!items.isEmpty() || nanos <= 0 || over.getAsBoolean()) return;
            awaitArrival(nanos);
        } finally {
            lock.unlock();
        }
    }

    /** Waits, under the lock, for {@link #wakeConsumer} or an offer; returns the nanoseconds left. */
    private long awaitArrival(long nanos) throws InterruptedException {
        consumerWaiting = true;
        try {
            return arrived.awaitNanos(nanos);
        } finally {
            consumerWaiting = false;
        }
    }

    /** Wakes whoever waits in {@link #awaitItem}, with nothing queued for it. */
    void wakeWaiters() {
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The head without taking it, or null when empty. */
    Delivery peek() {
        lock.lock();
        try {
            return items.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
    }

    /** {@code count} items taken earlier are no longer held: acknowledged by the client, or never to be sent. */
    void release(int count) {
        if (count == 0) return;
        lock.lock();
        try {
            if (count < 0 || count > taken) {
                throw new IllegalArgumentException("release " + count + " of " + taken + " taken");
            }
            taken -= count;
        } finally {
            lock.unlock();
        }
    }

    /** Items queued, and taken but not released: what the capacity bounds. */
    int held() {
        lock.lock();
        try {
            return items.size() + taken;
        } finally {
            lock.unlock();
        }
    }

    /** Moves up to {@code max} items from the head into {@code into}; returns how many. */
    int drainTo(Collection<Delivery> into, int max) {
        lock.lock();
        try {
            int moved = 0;
            while (moved < max && !items.isEmpty()) {
                into.add(take());
                moved++;
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    /** Items queued and not yet taken. */
    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything queued; what was taken stays held until released. */
    void clear() {
        lock.lock();
        try {
            items = new ArrayDeque<>();
            peak = 0;
        } finally {
            lock.unlock();
        }
    }

    private boolean add(Delivery delivery) {
        if (items.size() + taken >= capacity) return false;
        items.addLast(delivery);
        peak = Math.max(peak, items.size());
        return true;
    }

    private Delivery take() {
        Delivery head = items.pollFirst();
        if (head != null) taken++;
        if (items.isEmpty() && peak > KEPT_CAPACITY) {
            items = new ArrayDeque<>();   // an ArrayDeque never shrinks; 10,000 idle clients must not keep backlogs' arrays
            peak = 0;
        }
        return head;
    }
}
