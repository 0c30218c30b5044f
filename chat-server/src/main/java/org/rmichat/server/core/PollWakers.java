package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sees to the polls of the sessions one fan-out offered something, on every core: the calling thread takes one
 * share and helper threads ({@code rmichat-fanout-N}, one per further core) the others, and the call returns when
 * all are done. Seeing to a poll is mostly writing a waiting stream's frame (a {@code write()} that wakes the
 * client's reader), so one thread writing 1,000 streams makes the last client wait for 999 writes before it: two
 * threads halve that wait. Sessions are independent here (each stream's frames are written under its own poll
 * lock, in its queue's order), so the shares need no order between them.
 */
final class PollWakers implements AutoCloseable {
    /** Sessions per share below which a helper's wake-up costs more than the writes it takes over. */
    static final int MIN_SHARE = 32;

    private final int shares;
    private final ExecutorService helpers;   // null on one core

    PollWakers(int cores) {
        this.shares = Math.max(1, cores);
        AtomicInteger numbers = new AtomicInteger();
        this.helpers = shares == 1 ? null : Executors.newFixedThreadPool(shares - 1, runnable -> {
            Thread thread = new Thread(runnable, "rmichat-fanout-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Applies {@code wake} to each of {@code offered} once, split across the cores when there are enough.
     *
     * @throws InterruptedException when interrupted waiting for the helpers (their shares still complete)
     */
    <T> void wakeAll(List<T> offered, Consumer<T> wake) throws InterruptedException {
        int count = Math.min(shares, offered.size() / MIN_SHARE);
        if (count <= 1) {
            offered.forEach(wake);
            return;
        }
        int size = offered.size();
        List<Future<?>> others = new ArrayList<>(count - 1);
        for (int i = 1; i < count; i++) {
            List<T> share = offered.subList(size * i / count, size * (i + 1) / count);
            others.add(helpers.submit(() -> share.forEach(wake)));
        }
        offered.subList(0, size / count).forEach(wake);
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) throw runtime;
                if (e.getCause() instanceof Error error) throw error;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (helpers == null) return;
        helpers.shutdownNow();
        helpers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
