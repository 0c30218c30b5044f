package org.rmichat.server.core;

import java.util.concurrent.TimeUnit;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.MissedLines;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.Protocol;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.SessionToken;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.TopicChanged;

/**
 * One client in the chat on this server: who it is (token, user id, name, client id), and its parts, each with
 * one job: its {@link Mailbox} (queue, batch in flight, acknowledgement, pacing), its {@link SendGate} (each
 * line once, within the rate), its {@link Lease} and its {@link SessionLife}.
 */
public final class ClientSession implements Recipient {
    private final SessionToken token;
    private final long userId;
    private volatile String name;        // changed only by SessionRegistry.rename
    private final long clientId;
    private final long joinedAtMillis = System.currentTimeMillis();   // wall clock: orders members across servers
    private final Ticker ticker;
    private final Mailbox mailbox;
    private final SendGate sendGate;
    private final Lease lease;
    private final SessionLife life = new SessionLife();
    private final SessionRooms rooms;
    private volatile int protocol = Protocol.VERSION;
    private volatile String away;         // null while not away
    private volatile boolean claimed;     // its join's claim on the presence store was made

    ClientSession(SessionToken token, long userId, String name, long clientId, int maxQueue, Ticker ticker,
                  TokenBucket sendBudget) {
        this.token = token;
        this.userId = userId;
        this.name = name;
        this.clientId = clientId;
        this.ticker = ticker;
        this.mailbox = new Mailbox(maxQueue, ticker);
        this.sendGate = new SendGate(ticker, sendBudget);
        this.lease = new Lease(ticker);
        this.rooms = new SessionRooms();
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

    /** Why it is away, or null when it is not. */
    String away() {
        return away;
    }

    void away(String text) {
        away = text;
    }

    long joinedAtMillis() {
        return joinedAtMillis;
    }

    /**
     * The client's identity in the whole cluster: drawn once per client process, the same on every server it
     * joins, and what {@link Audience} addresses. User ids and tokens are per server.
     */
    @Override
    public long clientId() {
        return clientId;
    }

    // ---- its rooms

    /** The rooms it is in, by key, with their names as first given; see {@link SessionRooms}. */
    /**
     * This session as a reader of history: a member of every room it is in now (it may read a room's history as
     * soon as its join call returns, before its join line is fanned out to it).
     */
    Recipient asReader() {
        return new Recipient() {
            @Override
            public long clientId() {
                return clientId;
            }

            @Override
            public boolean receivesRoom(String roomKey) {
                return rooms.isIn(roomKey);
            }
        };
    }

    SessionRooms rooms() {
        return rooms;
    }

    @Override
    public boolean receivesRoom(String roomKey) {
        return rooms.receives(roomKey);
    }

    /** Its own room join or part, in bus order: from here on that room's lines reach it, or no longer. */
    void followRooms(ChatEvent ownEvent, String position) {
        if (ownEvent instanceof RoomJoined joined) rooms.receiveFrom(joined.room(), position);
        if (ownEvent instanceof RoomLeft left) rooms.stopReceiving(left.room());
    }

    /** The protocol its client speaks: events newer than that are not queued for it. */
    void speaks(int version) {
        protocol = version;
    }

    // ---- its mailbox

    /**
     * Queues an event for this client without waking its poll; false when what is held for it is at capacity,
     * queued or handed out and not acknowledged. Called by the
     * broadcaster only, which calls {@link #wakePoll} once it has queued all it has.
     */
    boolean offerQuietly(Delivery delivery) {
        // not an audience rule: the client could not show it, so it is not sent (a client of before rooms is in
        // the default room only, and sees its lines as it always did)
        if (protocol < Protocol.ROOMS && isOfRooms(delivery.envelope().event())) return true;
        if (protocol < Protocol.HISTORY && delivery.envelope().event() instanceof MissedLines) return true;
        return mailbox.offerQuietly(delivery);
    }

    private static boolean isOfRooms(ChatEvent event) {
        return event instanceof RoomJoined || event instanceof RoomLeft || event instanceof TopicChanged
                || event instanceof PresenceDigest digest && digest.room() != null;
    }

    /** Wakes a waiting poll if anything is queued for it. */
    void wakePoll(boolean mayWrite) {
        mailbox.wakePoll(mayWrite);
    }

    /** Queues a line from this server itself, in no bus order, and wakes the poll. */
    boolean offer(ChatEvent notice) {
        return mailbox.offer(Delivery.local(Envelope.toEveryone(notice)));
    }

    /** Most events held for it, queued or handed out and not acknowledged, before it is evicted as too slow. */
    int capacity() {
        return mailbox.capacity();
    }

    /** Events queued and not yet handed to a poll. */
    int backlog() {
        return mailbox.backlog();
    }

    /** Events queued, and handed out and not yet acknowledged: what {@link #capacity} bounds. */
    int held() {
        return mailbox.held();
    }

    /**
     * Whether the client has shown everything queued for it: nothing queued, nothing handed out and not yet
     * acknowledged. An event merely taken by a poll may still be on its way, and lost if the server goes away.
     */
    boolean hasAcknowledgedEverything() {
        return mailbox.isAcknowledged();
    }

    /** See {@link Mailbox#poll}; the poll renews the lease, and keeps it from lapsing while it waits. */
    PollResult poll(long ack, int maxBatch, long waitNanos, long spacingNanos)
            throws InterruptedException, ChatException {
        lease.pollStarted();
        try {
            return mailbox.poll(ack, maxBatch, waitNanos, spacingNanos, life::closedReason);
        } finally {
            lease.pollEnded();
        }
    }

    /**
     * See {@link Mailbox#openStream}; the lease is renewed now and cannot lapse while the stream is written (a
     * stream RMI never got to write holds nothing).
     */
    PollStream.Source openStream(long ack, int maxBatch, Mailbox.StreamTiming timing,
                                 java.util.function.BooleanSupplier stopping) throws ChatException {
        lease.renew();
        return mailbox.openStream(ack, maxBatch, timing, life::closedReason, stopping, lease::pollStarted,
                lease::pollEnded);
    }

    /** Ends a waiting poll now, with whatever is queued; used when the server is about to go away. */
    void wake() {
        mailbox.wake();
    }

    // ---- its life (docs/architecture.md, "A session's life")

    /** Whether the broadcaster offers it events: it is live and not closed. */
    boolean isLive() {
        return life.phase() == SessionLife.Phase.LIVE;
    }

    /** A fresh join: the broadcaster makes it live when it fans out the session's own join line. */
    void awaitOwnJoin() {
        life.awaitOwnJoin();
    }

    boolean awaitsOwnJoin() {
        return life.phase() == SessionLife.Phase.AWAITING_OWN_JOIN;
    }

    /** Under the broadcaster's lock: what it missed is being queued; nothing else is offered to it meanwhile. */
    void startResuming() {
        life.startResuming();
    }

    /** Everything from now on is for it. */
    void goLive() {
        life.goLive(null);
    }

    /**
     * Everything from now on is for it, except what comes at or before {@code shownUpTo} in the bus's order,
     * which the client already showed elsewhere; null holds nothing back. A closed session stays closed.
     */
    void goLive(String shownUpTo) {
        life.goLive(shownUpTo);
    }

    /** What a resumed session had shown elsewhere, to be held back; null when it resumed nothing. */
    String resumedAfter() {
        return life.resumedAfter();
    }

    /** Ends the session: queued events are dropped and a waiting poll returns with {@code reason}. */
    void close(String reason) {
        life.close(reason);
        mailbox.close();
    }

    boolean isClosed() {
        return life.phase() == SessionLife.Phase.CLOSED;
    }

    // ---- what it sends, and its lease

    /**
     * Runs {@code post} once per client sequence number, within the send budget. A number already accepted is
     * a retry whose reply was lost: it returns false and costs nothing.
     */
    boolean sendOnce(long clientSeq, Post post) throws ChatException {
        return sendGate.sendOnce(clientSeq, post);
    }

    /** Spends one unit of the send budget on something other than a line, such as a rename. */
    void spendSendBudget() throws RateLimitedException {
        sendGate.spend();
    }

    void touch() {
        lease.renew();
    }

    boolean isExpired(long now, long timeoutNanos) {
        return lease.hasLapsed(now, timeoutNanos);
    }

    long idleNanos(long now) {
        return sendGate.idleNanos(now);
    }

    /** How long since it last sent a line (or joined). */
    public long idleNanos() {
        return idleNanos(ticker.nanos());
    }

    /**
     * Its join claimed its name on the presence store: from now on the reaper renews that claim and times the
     * session out, its client's silence counted from here, however long the claim took.
     */
    void claimMade() {
        lease.renew();
        claimed = true;
    }

    /**
     * Whether its claim was made. Until then the reaper leaves it to its join: a store that takes back a claim it
     * does not hold on renewal (Redis restarted without its data) would take this one ahead of the join, and the
     * join would then look like a quiet return, announced to no one; and a slow claim must not time it out.
     */
    boolean hasClaim() {
        return claimed;
    }

    /** This session as a presence store sees it, now. */
    public PresenceClaim claim() {
        long lastSentMillis = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(idleNanos());
        return new PresenceClaim(clientId, userId, name, joinedAtMillis, lastSentMillis, rooms.names());
    }

    /** Hands an accepted line to the bus. */
    @FunctionalInterface
    interface Post {
        void run() throws ChatException;
    }
}
