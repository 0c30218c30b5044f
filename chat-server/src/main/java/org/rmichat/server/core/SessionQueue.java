package org.rmichat.server.core;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One session's bounded queue of deliveries, taken by its poll, where the producer decides when the poll wakes.
 *
 * <p>Protocol: the broadcaster adds everything it took from the bus in one go with {@link #offerQuietly} and then
 * calls {@link #wakeConsumer} once, so a poll that fell k events behind is woken once for all of them rather than
 * k times (a blocking queue signals on every offer to an empty queue). Waking a thread is most of what a
 * delivery costs, and a broadcaster that pays one wake-up per event falls further behind the more it is behind.
 * Any other producer uses {@link #offer}, which wakes the consumer at once. There is one consumer at a time; the
 * session's poll lock sees to that.
 */
final class SessionQueue {
    // an array that grew past this while a client was behind is dropped once the client has caught up
    private static final int KEPT_CAPACITY = 256;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private ArrayDeque<Delivery> items = new ArrayDeque<>();   // guarded by lock
    private int peak;                                          // guarded by lock: most items since last emptied
    private volatile boolean consumerWaiting;                  // written under lock

    SessionQueue(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
        this.capacity = capacity;
    }

    /** Adds {@code delivery} without waking the consumer; false when the queue is full. */
    boolean offerQuietly(Delivery delivery) {
        lock.lock();
        try {
            return add(delivery);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code delivery} and wakes a waiting consumer; false when the queue is full. */
    boolean offer(Delivery delivery) {
        lock.lock();
        try {
            if (!add(delivery)) return false;
            arrived.signal();
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
            if (!items.isEmpty()) arrived.signal();
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
                consumerWaiting = true;
                try {
                    nanos = arrived.awaitNanos(nanos);
                } finally {
                    consumerWaiting = false;
                }
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
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

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything queued. */
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
        if (items.size() >= capacity) return false;
        items.addLast(delivery);
        peak = Math.max(peak, items.size());
        return true;
    }

    private Delivery take() {
        Delivery head = items.pollFirst();
        if (items.isEmpty() && peak > KEPT_CAPACITY) {
            items = new ArrayDeque<>();   // an ArrayDeque never shrinks; 10,000 idle clients must not keep backlogs' arrays
            peak = 0;
        }
        return head;
    }
}
