package org.rmichat.server.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    private final long clientId;
    private final SessionQueue pending;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    private final Ticker ticker;
    private final TokenBucket sendBudget;
    private long deliveredUpTo;          // guarded by pollLock: seq of the last event moved to inFlight
    private volatile int unacknowledged; // inFlight's size, written under pollLock, for the shutdown wait
    private long lastClientSeq;          // guarded by this: highest accepted SendRequest.clientSeq
    private volatile long lastSeenNanos;
    private volatile long lastSentNanos;
    private final long joinedAtMillis = System.currentTimeMillis();   // wall clock: orders members across servers
    private final ReplyPacer pacer = new ReplyPacer();   // guarded by pollLock
    private final AtomicInteger pollsInProgress = new AtomicInteger();
    private final AtomicReference<Life> life = new AtomicReference<>(Life.JOINING);

    ClientSession(SessionToken token, long userId, String name, long clientId, int maxQueue, Ticker ticker,
                  TokenBucket sendBudget) {
        this.token = token;
        this.userId = userId;
        this.name = name;
        this.clientId = clientId;
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

    /**
     * The client's identity in the whole cluster: drawn once per client process, the same on every server it
     * joins, and what {@link Audience} addresses. User ids and tokens are per server.
     */
    public long clientId() {
        return clientId;
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

    // ---- its life: JOINING -> AWAITING_OWN_JOIN or RESUMING -> LIVE -> CLOSED (docs/architecture.md)

    /** Whether the broadcaster offers it events: it is live and not closed. */
    boolean isLive() {
        return life.get().phase() == Phase.LIVE;
    }

    /** A fresh join: the broadcaster makes it live when it fans out the session's own join line. */
    void awaitOwnJoin() {
        life.compareAndSet(Life.JOINING, Life.AWAITING_OWN_JOIN);
    }

    boolean awaitsOwnJoin() {
        return life.get().phase() == Phase.AWAITING_OWN_JOIN;
    }

    /** Under the broadcaster's lock: what it missed is being queued; nothing else is offered to it meanwhile. */
    void startResuming() {
        life.compareAndSet(Life.JOINING, Life.RESUMING);
    }

    /** Everything from now on is for it. */
    void goLive() {
        goLive(null);
    }

    /**
     * Everything from now on is for it, except what comes at or before {@code shownUpTo} in the bus's order,
     * which the client already showed elsewhere; null holds nothing back. A closed session stays closed.
     */
    void goLive(String shownUpTo) {
        Life now = life.get();
        while (now.phase() != Phase.CLOSED && now.phase() != Phase.LIVE) {
            if (life.compareAndSet(now, new Life(Phase.LIVE, shownUpTo, null))) return;
            now = life.get();
        }
    }

    /** What a resumed session had shown elsewhere, to be held back; null when it resumed nothing. */
    String resumedAfter() {
        return life.get().resumedAfter();
    }

    /** Most events queued before the session is evicted as too slow. */
    int capacity() {
        return pending.capacity();
    }

    /**
     * Whether the client has shown everything queued for it: nothing queued, nothing handed out and not yet
     * acknowledged. An event merely taken by a poll may still be on its way, and lost if the server goes away.
     */
    boolean hasAcknowledgedEverything() {
        return pending.size() == 0 && unacknowledged == 0;
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
                unacknowledged = inFlight.size();
                if (inFlight.isEmpty()) fetch(maxBatch, waitNanos, spacingNanos);
                unacknowledged = inFlight.size();
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
        String reason = life.get().closedReason();
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

    /** How long since it last sent a line (or joined). */
    public long idleNanos() {
        return idleNanos(ticker.nanos());
    }

    /** This session as a presence store sees it, now. */
    public PresenceClaim claim() {
        long now = System.currentTimeMillis();
        return new PresenceClaim(clientId, userId, name, joinedAtMillis, now - TimeUnit.NANOSECONDS.toMillis(idleNanos()));
    }

    /** When it joined, by the wall clock, which servers of a cluster share. */
    public long joinedAtMillis() {
        return joinedAtMillis;
    }

    /** Ends a waiting poll now, with whatever is queued; used when the server is about to go away. */
    void wake() {
        pending.offer(WAKE);
    }

    /** Ends the session: queued events are dropped and a waiting poll returns with {@code reason}. */
    void close(String reason) {
        life.set(new Life(Phase.CLOSED, null, reason));
        pending.clear();
        pending.offer(CLOSED);
    }

    boolean isClosed() {
        return life.get().phase() == Phase.CLOSED;
    }

    /** Hands an accepted line to the bus. */
    @FunctionalInterface
    interface Post {
        void run() throws ChatException;
    }

    enum Phase { JOINING, AWAITING_OWN_JOIN, RESUMING, LIVE, CLOSED }

    /**
     * One value for the whole state, swapped atomically, so no reader sees a session both closed and live.
     *
     * @param resumedAfter while live: the position up to which it had shown lines elsewhere, or null
     * @param closedReason once closed: what its next poll is told
     */
    private record Life(Phase phase, String resumedAfter, String closedReason) {
        static final Life JOINING = new Life(Phase.JOINING, null, null);
        static final Life AWAITING_OWN_JOIN = new Life(Phase.AWAITING_OWN_JOIN, null, null);
        static final Life RESUMING = new Life(Phase.RESUMING, null, null);
    }
}
