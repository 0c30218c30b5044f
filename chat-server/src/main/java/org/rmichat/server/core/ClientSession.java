package org.rmichat.server.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.Notice;
import org.rmichat.api.PollResult;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.SessionToken;

/**
 * One client's view of the chat: its bounded queue of events, their sequence numbers, its lease.
 *
 * <p>Protocol: the broadcaster is the only producer and never blocks; {@link #offer} fails when the queue is
 * full and the caller evicts the session. Events get consecutive sequence numbers from 1 in the order they
 * are offered. A poll moves a batch from the queue to the in-flight list and returns it; the batch stays
 * in flight until a later poll acknowledges it, so a poll whose reply was lost returns the same events
 * again. Polls of one session are serialised by a lock; a second concurrent poll waits its turn.
 */
public final class ClientSession {
    /** Put in the queue by {@link #close} to wake a waiting poll; compared by identity, never delivered. */
    private static final Delivery CLOSED = Delivery.local(Envelope.toEveryone(new Notice("session closed")));
    /** Put in the queue by {@link #wake} to end a waiting poll early; compared by identity, never delivered. */
    private static final Delivery WAKE = Delivery.local(Envelope.toEveryone(new Notice("wake up")));

    private final SessionToken token;
    private final long userId;
    private volatile String name;        // changed only by SessionRegistry.rename
    private final long origin;
    private final SessionQueue pending;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    private final Ticker ticker;
    private final TokenBucket sendBudget;
    private long deliveredUpTo;          // guarded by pollLock: seq of the last event moved to inFlight
    private long lastClientSeq;          // guarded by this: highest accepted SendRequest.clientSeq
    private volatile long lastSeenNanos;
    private volatile long lastSentNanos;
    private final ReplyPacer pacer = new ReplyPacer();   // guarded by pollLock
    private final AtomicInteger pollsInProgress = new AtomicInteger();
    private volatile String closedReason;
    private volatile boolean liveAtOwnJoin;
    private volatile String resumedAfter;
    private volatile boolean live;       // set by the broadcaster, under its lock, once any replay is queued

    ClientSession(SessionToken token, long userId, String name, long origin, int maxQueue, Ticker ticker,
                  TokenBucket sendBudget) {
        this.token = token;
        this.userId = userId;
        this.name = name;
        this.origin = origin;
        this.pending = new SessionQueue(maxQueue);
        this.ticker = ticker;
        this.sendBudget = sendBudget;
        this.lastSeenNanos = ticker.nanos();
        this.lastSentNanos = lastSeenNanos;
    }

    public SessionToken token() {
        return token;
    }

    public long userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        name = newName;
    }

    /** The cluster-unique origin of what this session sends; it never receives envelopes of that origin. */
    public long origin() {
        return origin;
    }

    /**
     * Queues an event for this client without waking its poll; false when the queue is full. Called by the
     * broadcaster only, which calls {@link #wakePoll} once it has queued all it has.
     */
    boolean offerQuietly(Delivery delivery) {
        return pending.offerQuietly(delivery);
    }

    /** Wakes a waiting poll if anything is queued for it. */
    void wakePoll() {
        pending.wakeConsumer();
    }

    /** Queues a line from this server itself, in no bus order, and wakes the poll. */
    boolean offer(ChatEvent notice) {
        return pending.offer(Delivery.local(Envelope.toEveryone(notice)));
    }

    boolean isLive() {
        return live;
    }

    void goLive() {
        live = true;
    }

    /** Makes the broadcaster turn this session live when it fans out the session's own join line. */
    void goLiveAtOwnJoin() {
        liveAtOwnJoin = true;
    }

    /** A resumed session has seen everything up to this position elsewhere; null when it resumed nothing. */
    String resumedAfter() {
        return resumedAfter;
    }

    void resumeAfter(String position) {
        resumedAfter = position;
    }

    boolean awaitsOwnJoin() {
        return liveAtOwnJoin && !live;
    }

    /** Events queued and not yet handed to a poll. */
    int backlog() {
        return pending.size();
    }

    /**
     * Releases events up to {@code ack} and returns the next batch, waiting up to {@code waitNanos} for one.
     * A client that receives two or more events per {@code spacingNanos} and was answered less than that
     * ago waits out the rest once an event is there, and gets whatever arrived meanwhile with it.
     */
    PollResult poll(long ack, int maxBatch, long waitNanos, long spacingNanos)
            throws InterruptedException, SessionClosedException {
        touch();
        pollsInProgress.incrementAndGet();
        try {
            pollLock.lockInterruptibly();
            try {
                ensureOpen();
                release(ack);
                if (inFlight.isEmpty()) fetch(maxBatch, waitNanos, spacingNanos);
                ensureOpen();
                PollResult batch = inFlightBatch(maxBatch);
                if (!batch.isEmpty()) pacer.answered(System.nanoTime(), batch.events().size());
                return batch;
            } finally {
                pollLock.unlock();
            }
        } finally {
            pollsInProgress.decrementAndGet();
            touch();
        }
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
        long hold = Math.min(waitNanos, pacer.holdNanos(System.nanoTime(), spacingNanos));
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

    private void ensureOpen() throws SessionClosedException {
        String reason = closedReason;
        if (reason != null) throw new SessionClosedException(reason);
    }

    /**
     * Runs {@code post} once per client sequence number, within the send budget. A number already accepted is
     * a retry whose reply was lost: it returns false and costs nothing.
     */
    synchronized boolean sendOnce(long clientSeq, Post post) throws ChatException {
        if (clientSeq <= lastClientSeq) return false;
        if (!sendBudget.tryTake()) throw new RateLimitedException();
        post.run();
        lastClientSeq = clientSeq;
        lastSentNanos = ticker.nanos();
        return true;
    }

    /** Spends one unit of the send budget on something other than a line, such as a rename. */
    synchronized void spendSendBudget() throws RateLimitedException {
        if (!sendBudget.tryTake()) throw new RateLimitedException();
    }

    void touch() {
        lastSeenNanos = ticker.nanos();
    }

    boolean isExpired(long now, long timeoutNanos) {
        return pollsInProgress.get() == 0 && now - lastSeenNanos > timeoutNanos;
    }

    long idleNanos(long now) {
        return Math.max(0, now - lastSentNanos);
    }

    /** Ends a waiting poll now, with whatever is queued; used when the server is about to go away. */
    void wake() {
        pending.offer(WAKE);
    }

    /** Ends the session: queued events are dropped and a waiting poll returns with {@code reason}. */
    void close(String reason) {
        closedReason = reason;
        pending.clear();
        pending.offer(CLOSED);
    }

    boolean isClosed() {
        return closedReason != null;
    }

    /** Hands an accepted line to the bus. */
    @FunctionalInterface
    interface Post {
        void run() throws ChatException;
    }
}
