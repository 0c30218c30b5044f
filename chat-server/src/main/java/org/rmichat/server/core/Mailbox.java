package org.rmichat.server.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.Notice;
import org.rmichat.api.PollResult;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SessionClosedException;

/**
 * One session's events on their way to its client: the bounded queue, the batch in flight, sequence numbers,
 * acknowledgement and reply pacing.
 *
 * <p>Protocol: the broadcaster is the only producer and never blocks; an offer fails when the queue is full and
 * the caller evicts the session. Events get consecutive sequence numbers from 1 in the order they are offered.
 * A poll moves a batch from the queue to the in-flight list and returns it; the batch stays in flight until a
 * later poll acknowledges it, so a poll whose reply was lost returns the same events again.
 *
 * <p>One poll is answered at a time. A poll arriving while another waits replaces it: the waiting one returns at
 * once with what it holds (its client retried after losing it, or it is a copy), and the newcomer is answered
 * next. A poll arriving while one already waits to replace another is refused at once
 * ({@link RateLimitedException}): so one token never holds more than {@value #MAX_POLLS} server threads, however
 * many times its poll is replayed, and those few end within the poll wait, so they cannot keep the session's
 * lease from lapsing after the client left.
 */
final class Mailbox {
    /** Put in the queue by {@link #close} to wake a waiting poll; compared by identity, never delivered. */
    private static final Delivery CLOSED = Delivery.local(Envelope.toEveryone(new Notice("session closed")));
    /** Put in the queue by {@link #wake} to end a waiting poll early; compared by identity, never delivered. */
    private static final Delivery WAKE = Delivery.local(Envelope.toEveryone(new Notice("wake up")));

    /** Polls on one session at once: the one being answered and the one replacing it. */
    static final int MAX_POLLS = 2;

    private final AtomicInteger polls = new AtomicInteger();
    private final SessionQueue pending;
    private final Ticker ticker;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();   // guarded by pollLock
    private final ReplyPacer pacer = new ReplyPacer();                  // guarded by pollLock
    private long deliveredUpTo;          // guarded by pollLock: seq of the last event moved to inFlight
    private volatile int unacknowledged; // inFlight's size, written under pollLock, for the shutdown wait

    Mailbox(int capacity, Ticker ticker) {
        this.pending = new SessionQueue(capacity);
        this.ticker = ticker;
    }

    /** Queues without waking the poll; false when the queue is full. */
    boolean offerQuietly(Delivery delivery) {
        return pending.offerQuietly(delivery);
    }

    /** Queues and wakes the poll. */
    boolean offer(Delivery delivery) {
        return pending.offer(delivery);
    }

    /** Wakes a waiting poll if anything is queued for it. */
    void wakePoll() {
        pending.wakeConsumer();
    }

    /** Ends a waiting poll now, with whatever is queued. */
    void wake() {
        pending.offer(WAKE);
    }

    /** Drops what is queued and ends a waiting poll; {@code closedReason} then tells it why. */
    void close() {
        pending.clear();
        pending.offer(CLOSED);
    }

    /** Polls inside {@link #poll} now, waiting or answered; for tests. */
    int pollsInProgress() {
        return polls.get();
    }

    int capacity() {
        return pending.capacity();
    }

    int backlog() {
        return pending.size();
    }

    /** Nothing queued, nothing handed out and not yet acknowledged. */
    boolean isAcknowledged() {
        return pending.size() == 0 && unacknowledged == 0;
    }

    /**
     * Releases events up to {@code ack} and returns the next batch, waiting up to {@code waitNanos} for one. A
     * client that receives two or more events per {@code spacingNanos} and was answered less than that ago waits
     * out the rest once an event is there, and gets whatever arrived meanwhile with it.
     *
     * @param closedReason why the session ended, or null while it lives; read before and after the wait
     */
    PollResult poll(long ack, int maxBatch, long waitNanos, long spacingNanos, Supplier<String> closedReason)
            throws InterruptedException, ChatException {
        if (polls.incrementAndGet() > MAX_POLLS) {
            polls.decrementAndGet();
            throw new RateLimitedException();
        }
        try {
            // the one waiting, if any, is replaced: it returns now; a stray wake-up at worst answers one poll early
            if (pollLock.isLocked()) pending.offer(WAKE);
            return pollInTurn(ack, maxBatch, waitNanos, spacingNanos, closedReason);
        } finally {
            polls.decrementAndGet();
        }
    }

    private PollResult pollInTurn(long ack, int maxBatch, long waitNanos, long spacingNanos,
                                  Supplier<String> closedReason) throws InterruptedException, SessionClosedException {
        pollLock.lockInterruptibly();
        try {
            ensureOpen(closedReason);
            release(ack);
            unacknowledged = inFlight.size();
            if (inFlight.isEmpty()) fetch(maxBatch, waitNanos, spacingNanos);
            unacknowledged = inFlight.size();
            ensureOpen(closedReason);
            PollResult batch = inFlightBatch(maxBatch);
            if (!batch.isEmpty()) pacer.answered(ticker.nanos(), batch.events().size());
            return batch;
        } finally {
            pollLock.unlock();
        }
    }

    private static void ensureOpen(Supplier<String> closedReason) throws SessionClosedException {
        String reason = closedReason.get();
        if (reason != null) throw new SessionClosedException(reason);
    }

    private PollResult inFlightBatch(int maxBatch) {
        long firstSeq = deliveredUpTo - inFlight.size() + 1;
        if (inFlight.isEmpty()) return PollResult.empty(firstSeq);
        List<ChatEvent> batch = new ArrayList<>(Math.min(inFlight.size(), maxBatch));
        String position = null;
        for (Delivery delivery : inFlight) {
            if (batch.size() == maxBatch) break;
            batch.add(delivery.envelope().event());
            if (delivery.position() != null) position = delivery.position();
        }
        return new PollResult(firstSeq, batch, position);
    }

    private void release(long ack) {
        long firstInFlight = deliveredUpTo - inFlight.size() + 1;
        long acked = Math.min(ack, deliveredUpTo);   // an ack beyond what was sent acknowledges only that
        for (long seq = firstInFlight; seq <= acked; seq++) inFlight.removeFirst();
    }

    private void fetch(int maxBatch, long waitNanos, long spacingNanos) throws InterruptedException {
        // events flow faster than this client may be answered: sleep out the spacing before looking, so that
        // neither the first event nor the broadcaster's signal wakes this thread, then take everything that came
        // in one reply. Each wake-up of a poll thread is a context switch, the largest cost of a reply here.
        long hold = Math.min(waitNanos, pacer.holdNanos(ticker.nanos(), spacingNanos));
        if (hold > 0) TimeUnit.NANOSECONDS.sleep(hold);
        Delivery first = pending.poll();
        if (first == null) {
            first = pending.poll(waitNanos - Math.max(0, hold), TimeUnit.NANOSECONDS);
            if (first == null) return;
        }
        if (first == CLOSED || first == WAKE) return;
        inFlight.add(first);
        List<Delivery> drained = new ArrayList<>();
        pending.drainTo(drained, maxBatch - 1);
        for (Delivery delivery : drained) {
            if (delivery == CLOSED) break;
            if (delivery != WAKE) inFlight.add(delivery);
        }
        deliveredUpTo += inFlight.size();
    }
}
