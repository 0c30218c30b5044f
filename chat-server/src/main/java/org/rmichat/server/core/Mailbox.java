package org.rmichat.server.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.Notice;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SessionClosedException;

/**
 * One session's events on their way to its client: the bounded queue, the batch in flight, sequence numbers,
 * acknowledgement and reply pacing.
 *
 * <p>Protocol: the broadcaster is the only producer and never blocks; an offer fails when what is held for the
 * session, queued or in flight, has reached the capacity, and the caller evicts the session. Events get
 * consecutive sequence numbers from 1 in the order they are offered. A poll moves a batch from the queue to the
 * in-flight list and returns it; the batch stays in flight until a later poll acknowledges it, so a poll whose
 * reply was lost returns the same events again.
 *
 * <p>In flight counts: a client stopped in the middle of a stream (SIGSTOP, a hung process) acknowledges
 * nothing, while its stream would go on moving events from the queue into socket buffers, up to a megabyte of
 * them, and the queue would never fill. So everything handed out counts until acknowledged, and a stream
 * stops taking once {@link #inFlightLimit} events, half the capacity, are in flight, and ends: its client, if
 * it reads, acknowledges them by opening the next stream at once, and has the other half of the capacity to
 * spare meanwhile. A client that reads nothing leaves that half to fill, and is evicted as promptly as one
 * that stopped polling. A single poll hands out one batch per call and takes nothing more until called again.
 *
 * <p>One poll is answered at a time. A poll arriving while another waits replaces it: the waiting one returns at
 * once with what it holds (its client retried after losing it, or it is a copy), and the newcomer is answered
 * next. A poll arriving while one already waits to replace another is refused at once
 * ({@link RateLimitedException}): so one token never holds more than {@value #MAX_POLLS} server threads, however
 * many times its poll is replayed, and those few end within the poll wait, so they cannot keep the session's
 * lease from lapsing after the client left.
 *
 * <p>A streamed poll ({@link #openStream}) takes its turn the same way and then writes frame after frame; it holds
 * the poll lock only while it takes a frame, never while the frame is written or while it waits for events, so
 * a client whose socket does not drain holds nobody up but its own stream. While it waits, the broadcaster that
 * queues the next events may write them into it itself, under the poll lock, when that write cannot block
 * ({@link Stream#writeHere}). A poll or stream that takes a later turn ends it at its next frame. What a stream
 * wrote stays in flight until a later poll acknowledges it, exactly as a single reply.
 */
final class Mailbox {
    /** Put in the queue by {@link #close} to wake a waiting poll; compared by identity, never delivered. */
    private static final Delivery CLOSED = Delivery.local(Envelope.toEveryone(new Notice("session closed")));
    /** Put in the queue by {@link #wake} to end a waiting poll early; compared by identity, never delivered. */
    private static final Delivery WAKE = Delivery.local(Envelope.toEveryone(new Notice("wake up")));

    /** Polls on one session at once: the one being answered and the one replacing it. */
    static final int MAX_POLLS = 2;
    /**
     * Frames a stream writes before it ends. Its client reads a reply whole before it calls again, so a stream
     * begins with nothing of this session's in the socket's buffers; bounding frames (and bytes, below) bounds
     * what one stream can leave there, which is what lets another thread write into it without blocking.
     */
    static final int MAX_FRAMES = 64;
    /** Bytes a stream may have written before a frame is written into it by the thread that offered the events. */
    static final int HANDED_MAX_BYTES = 64 << 10;
    /** Events in one frame written by the thread that offered them: at most 8 lines of {@code 2,000} chars. */
    static final int HANDED_MAX_EVENTS = 8;

    private final AtomicInteger polls = new AtomicInteger();
    /** Most events a stream hands out before it ends, so that its client acknowledges them. */
    private final int inFlightLimit;
    /** Each poll or stream takes the next turn; a stream whose turn has passed ends. */
    private final AtomicLong turns = new AtomicLong();
    private final SessionQueue pending;
    private final Ticker ticker;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();   // guarded by pollLock
    private final ReplyPacer pacer = new ReplyPacer();                  // guarded by pollLock
    private long deliveredUpTo;          // guarded by pollLock: seq of the last event moved to inFlight
    /** The stream whose thread waits for events without the poll lock, so an offering thread may write for it. */
    private volatile Stream waitingStream;   // written under pollLock
    /** Signalled under pollLock when the waiting stream has its lock back: a later turn goes after it. */
    private final Condition waitingStreamLeft = pollLock.newCondition();

    Mailbox(int capacity, Ticker ticker) {
        this.pending = new SessionQueue(capacity);
        this.inFlightLimit = Math.max(1, capacity / 2);
        this.ticker = ticker;
    }

    /** Queues without waking the poll; false when what is held for the session has reached the capacity. */
    boolean offerQuietly(Delivery delivery) {
        return pending.offerQuietly(delivery);
    }

    /** Queues and wakes the poll. */
    boolean offer(Delivery delivery) {
        return pending.offer(delivery);
    }

    /**
     * Sees to what is queued: with {@code mayWrite}, a stream waiting for it gets it written by the calling thread
     * when that cannot block ({@link Stream#writeHere}), saving its own thread a wake-up; otherwise a waiting
     * poll is woken. A caller with more to do says no: then the stream threads share the writing on other cores.
     */
    void wakePoll(boolean mayWrite) {
        Stream waiting = waitingStream;
        if (mayWrite && waiting != null && waiting.writeHere()) return;
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

    /** Whether a stream waits for events without the poll lock, so a frame may be written for it; for tests. */
    boolean streamWaits() {
        // marked waiting, it still lets go of the lock and then looks at the queue once before it sleeps: an event
        // offered before that sleep is taken by its own thread, as it should be, but is not what a test asks for
        return waitingStream != null && pending.hasWaitingConsumer();
    }

    /** Polls inside {@link #poll} now, waiting or answered; for tests. */
    int pollsInProgress() {
        return polls.get();
    }

    int capacity() {
        return pending.capacity();
    }

    /** Events queued and not yet handed out. */
    int backlog() {
        return pending.size();
    }

    /** Events queued, and handed out and not yet acknowledged: what the capacity bounds. */
    int held() {
        return pending.held();
    }

    /** Nothing queued, nothing handed out and not yet acknowledged. */
    boolean isAcknowledged() {
        return pending.held() == 0;
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
            takeTurn();
            return pollInTurn(ack, maxBatch, waitNanos, spacingNanos, closedReason);
        } finally {
            polls.decrementAndGet();
        }
    }

    /** Ends the poll or stream answered now, if any. */
    private long takeTurn() {
        long turn = turns.incrementAndGet();
        // the one waiting, if any, is replaced: it returns now; a stray wake-up at worst answers one poll early
        if (pollLock.isLocked()) pending.offer(WAKE);
        Stream waiting = waitingStream;
        if (waiting != null) awaitLeft(waiting);
        return turn;
    }

    /**
     * Wakes a stream that waits without the poll lock and lets it take the lock back before this turn does: it
     * ends, as a replaced one does, instead of waiting for the lock behind its successor's wait. Woken without
     * a signal in the queue, which the successor would take.
     */
    private void awaitLeft(Stream waiting) {
        pending.wakeWaiters();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        pollLock.lock();
        try {
            while (waitingStream == waiting) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;   // stuck somewhere else; the turn is taken anyway, and it ends at its next look
                waitingStreamLeft.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pollLock.unlock();
        }
    }

    /**
     * Opens a streamed poll: its first frames are what is in flight after {@code ack}, then each batch as it
     * arrives, at most one per {@code coalesceNanos}, a keep-alive after {@code keepAliveNanos} without a frame,
     * and the end after {@code durationNanos}, when a later poll takes over, once {@code stopping} says so and
     * nothing is left to write, or once {@link #inFlightLimit} events are in flight and written.
     * Refused like a poll when two are already under way.
     */
    PollStream.Source openStream(long ack, int maxBatch, StreamTiming timing, Supplier<String> closedReason,
                                 java.util.function.BooleanSupplier stopping, Runnable started, Runnable finished)
            throws ChatException {
        ensureOpen(closedReason);
        if (polls.get() >= MAX_POLLS) throw new RateLimitedException();
        return new Stream(takeTurn(), ack, maxBatch, timing, closedReason, stopping, started, finished);
    }

    /** The bounds of one stream, in real nanoseconds. */
    record StreamTiming(long durationNanos, long keepAliveNanos, long coalesceNanos) {
    }

    /** One streamed poll's frames, taken from this mailbox. */
    private final class Stream implements PollStream.Source {
        private final long turn;
        private final long ack;
        private final int maxBatch;
        private final StreamTiming timing;
        private final Supplier<String> closedReason;
        private final java.util.function.BooleanSupplier stopping;
        private final Runnable started;
        private final Runnable finished;
        private final long endsAt;
        private boolean open;          // counted among the polls; the writer thread only
        private boolean acknowledged;  // the ack was applied
        private long sentUpTo;         // seq of the last event this stream wrote
        private long lastFrameAt;
        private boolean busy;          // the last batch's first event came within the coalesce interval
        private int framesWritten;
        private boolean broken;        // a frame written by another thread failed: the socket is gone
        private PollStream.FrameWriter frames;   // set before the first frame

        Stream(long turn, long ack, int maxBatch, StreamTiming timing, Supplier<String> closedReason,
               java.util.function.BooleanSupplier stopping, Runnable started, Runnable finished) {
            this.turn = turn;
            this.ack = ack;
            this.maxBatch = maxBatch;
            this.timing = timing;
            this.closedReason = closedReason;
            this.stopping = stopping;
            this.started = started;
            this.finished = finished;
            this.lastFrameAt = System.nanoTime();
            this.endsAt = lastFrameAt + timing.durationNanos();
        }

        @Override
        public long keepAliveMillis() {
            return TimeUnit.NANOSECONDS.toMillis(timing.keepAliveNanos());
        }

        @Override
        public void attach(PollStream.FrameWriter writer) {
            this.frames = writer;
        }

        @Override
        public PollStream.Frame next() throws InterruptedException {
            if (!open) {
                // counted from the first frame: a reply RMI never got to write must not hold a place for ever
                open = true;
                polls.incrementAndGet();
                started.run();
            }
            // coalesce: a client whose events come faster than the interval sleeps it out before looking, so the
            // broadcaster finds nobody to wake and what arrived meanwhile goes out in one frame: one wake-up per
            // interval, not one per batch the broadcaster made. A quiet client waits for its event at once.
            long sinceLast = System.nanoTime() - lastFrameAt;
            if (busy && sinceLast < timing.coalesceNanos()) {
                TimeUnit.NANOSECONDS.sleep(timing.coalesceNanos() - sinceLast);
            }
            PollStream.Frame frame = take();
            lastFrameAt = System.nanoTime();
            return frame;
        }

        private PollStream.Frame take() throws InterruptedException {
            pollLock.lockInterruptibly();
            try {
                boolean waited = false;
                while (true) {
                    if (turns.get() != turn) return PollStream.Frame.end(null);
                    String reason = closedReason.get();
                    if (reason != null) return PollStream.Frame.end(reason);
                    if (broken) return PollStream.Frame.end(null);   // its write fails too, and the call ends
                    if (!acknowledged) {
                        acknowledged = true;
                        release(ack);
                        sentUpTo = deliveredUpTo - inFlight.size();
                    }
                    if (sentUpTo < deliveredUpTo) return counted(PollStream.Frame.batch(unsent()));
                    // all it may hand out is written: the client acknowledges it by opening its next stream
                    if (inFlight.size() >= inFlightLimit) return PollStream.Frame.end(null);
                    if (framesWritten >= MAX_FRAMES) return PollStream.Frame.end(null);
                    long now = System.nanoTime();
                    if (now >= endsAt) return PollStream.Frame.end(null);
                    Delivery first = pending.poll();
                    if (first == null) {
                        // the server is going away: end once everything for this client is written, so it acknowledges
                        if (stopping.getAsBoolean()) return PollStream.Frame.end(null);
                        long keepAliveAt = lastFrameAt + timing.keepAliveNanos();
                        if (now - keepAliveAt >= 0) return counted(PollStream.Frame.keepAlive());
                        awaitUnlocked(Math.min(endsAt, keepAliveAt) - now);
                        waited = true;
                        continue;
                    }
                    if (first == WAKE || first == CLOSED) {
                        pending.release(1);   // a later turn, the server stopping, a close: checked at the top
                        continue;
                    }
                    busy = !waited || System.nanoTime() - lastFrameAt < timing.coalesceNanos();
                    takeInFlight(first, Math.min(maxBatch, inFlightLimit - inFlight.size()));
                }
            } finally {
                pollLock.unlock();
            }
        }

        private PollStream.Frame counted(PollStream.Frame frame) {
            framesWritten++;
            return frame;
        }

        /**
         * Waits for events without the poll lock, so that the broadcaster can write them meanwhile
         * ({@link #writeHere}). Only the head of the queue is looked at after the lock is taken again: events are
         * taken under the poll lock only, so none can be taken out of order.
         */
        private void awaitUnlocked(long nanos) throws InterruptedException {
            waitingStream = this;
            pollLock.unlock();
            try {
                pending.awaitItem(nanos, () -> turns.get() != turn);
            } finally {
                pollLock.lock();
                if (waitingStream == this) {
                    waitingStream = null;
                    waitingStreamLeft.signalAll();
                }
            }
        }

        /**
         * Writes what was just queued from the calling thread, the broadcaster, while this stream's own thread
         * waits: one {@code write()} instead of a wake-up, a write and a park of that thread. Only when the write
         * cannot block: the client read everything before this stream (it reads a reply whole before calling
         * again), and this stream has written at most {@link #MAX_FRAMES} frames and {@link #HANDED_MAX_BYTES}
         * bytes before this one of at most {@link #HANDED_MAX_EVENTS} events, which the socket's send buffer
         * holds even if the client reads nothing (BoundServerSocketFactory sizes it). A busy stream is left to
         * its own thread, which coalesces.
         *
         * @return true when nothing is left for the stream's own thread to be woken for
         */
        boolean writeHere() {
            PollStream.FrameWriter out = frames;
            if (out == null || !pollLock.tryLock()) return false;
            try {
                if (waitingStream != this || broken) return false;
                if (turns.get() != turn || closedReason.get() != null || stopping.getAsBoolean()) return false;
                long now = System.nanoTime();
                if (now - lastFrameAt < timing.coalesceNanos() || now - endsAt >= 0) return false;
                if (framesWritten >= MAX_FRAMES - 1 || inFlight.size() >= inFlightLimit) return false;
                if (out.written() > HANDED_MAX_BYTES) return false;
                Delivery head = pending.peek();
                if (head == null) return true;
                if (head == WAKE || head == CLOSED) return false;
                takeInFlight(pending.poll(), Math.min(HANDED_MAX_EVENTS,
                        Math.min(maxBatch, inFlightLimit - inFlight.size())));
                if (sentUpTo == deliveredUpTo) return false;
                PollStream.Frame frame = counted(PollStream.Frame.batch(unsent()));
                lastFrameAt = now;
                busy = false;
                try {
                    out.write(frame);
                } catch (java.io.IOException | RuntimeException e) {
                    // the socket is gone: its own thread ends the stream; what was written stays in flight
                    broken = true;
                    pending.offer(WAKE);
                    return true;
                }
                return pending.peek() == null;
            } finally {
                pollLock.unlock();
            }
        }

        /** In-flight events after {@code sentUpTo}, at most {@code maxBatch}: walked from whichever end is nearer. */
        private PollResult unsent() {
            int unsent = (int) (deliveredUpTo - sentUpTo);
            int count = Math.min(unsent, maxBatch);
            long firstSeq = sentUpTo + 1;
            List<Delivery> batch = new ArrayList<>(count);
            if (unsent == inFlight.size() || unsent > inFlight.size() / 2) {
                Iterator<Delivery> it = inFlight.iterator();
                for (int skip = inFlight.size() - unsent; skip > 0; skip--) it.next();
                while (batch.size() < count) batch.add(it.next());
            } else {
                Iterator<Delivery> back = inFlight.descendingIterator();
                List<Delivery> tail = new ArrayList<>(unsent);
                for (int i = 0; i < unsent; i++) tail.add(back.next());
                Collections.reverse(tail);
                batch.addAll(tail.subList(0, count));
            }
            sentUpTo += count;
            List<ChatEvent> events = new ArrayList<>(count);
            String position = null;
            for (Delivery delivery : batch) {
                events.add(delivery.envelope().event());
                if (delivery.position() != null) position = delivery.position();
            }
            return new PollResult(firstSeq, events, position);
        }

        @Override
        public void finished() {
            if (!open) return;
            polls.decrementAndGet();
            finished.run();
        }
    }

    private PollResult pollInTurn(long ack, int maxBatch, long waitNanos, long spacingNanos,
                                  Supplier<String> closedReason) throws InterruptedException, SessionClosedException {
        pollLock.lockInterruptibly();
        try {
            ensureOpen(closedReason);
            release(ack);
            // not held to inFlightLimit: one reply is one batch, and moving events from the queue in flight leaves
            // what is held as it was; a smaller batch would only take more round trips to acknowledge
            if (inFlight.isEmpty()) fetch(maxBatch, waitNanos, spacingNanos);
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
        int released = 0;
        for (long seq = firstInFlight; seq <= acked; seq++, released++) inFlight.removeFirst();
        pending.release(released);
    }

    /**
     * Moves {@code first}, just taken, and up to {@code max - 1} more queued events in flight. Signals are
     * released at once, never delivered, and so is whatever came after {@link #CLOSED}.
     */
    private void takeInFlight(Delivery first, int max) {
        List<Delivery> taken = new ArrayList<>();
        taken.add(first);
        pending.drainTo(taken, max - 1);
        int moved = 0;
        for (Delivery delivery : taken) {
            if (delivery == CLOSED) break;
            if (delivery == WAKE) continue;
            inFlight.add(delivery);
            moved++;
        }
        pending.release(taken.size() - moved);
        deliveredUpTo += moved;
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
        if (first == CLOSED || first == WAKE) {
            pending.release(1);
            return;
        }
        takeInFlight(first, maxBatch);
    }
}
