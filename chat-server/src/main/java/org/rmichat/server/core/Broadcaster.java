package org.rmichat.server.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MissedLines;
import org.rmichat.api.Notice;
import org.rmichat.api.RoomNames;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.UserJoined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fan-out thread: takes each event from the bus and offers it to every live session its
 * {@link Audience} includes ({@link #receives} is that rule, for the fan-out, the digests and the replay alike).
 * Because one thread does all offers in bus order, every session sees the same order.
 *
 * <p>Protocol: it never blocks on a session. An offer that fails means the session fell a whole queue behind;
 * the session is handed to {@code overflow} (which evicts it) and the broadcaster moves on. It takes from the bus
 * whatever is there (up to {@link #MAX_TAKEN_TOGETHER} events), queues it all without waking anyone, and then
 * wakes each waiting poll once: a broadcaster that fell behind catches up with one wake-up per poll instead of
 * one per event, where waking a poll per event would have kept it behind.
 *
 * <p>A session becomes live through {@link #admit}, which queues what the client missed (the bus's replay up
 * to the last event fanned out) and marks it live under the same lock the fan-out holds, so every event
 * reaches it exactly once: either in the replay or in the fan-out, never both, never neither.
 *
 * <p>With more sessions than the announce limit, a join or leave (of the chat, or of a room) is not fanned out on
 * its own: it is held in {@link HeldPresence} and announced with the others of its room as one
 * {@link org.rmichat.api.PresenceDigest} per session and room, to those the single lines would have reached, so
 * a crowd of N arriving costs each member a digest per interval instead of N events. The held
 * events are announced before anything else is fanned out (so "X joined" precedes X's first line, and a leave
 * the lines after it), and otherwise by the {@code rmichat-presence-digest} timer one interval after the first
 * of them was held. The timer takes the fan-out lock too, so a digest falls between two bus events like any
 * line. A newcomer still goes live at its own (held) join, and hears only what is held after it.
 */
final class Broadcaster {
    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);
    /** Most bus events fanned out before the polls are woken: bounds how long a woken poll's first event waits. */
    static final int MAX_TAKEN_TOGETHER = 256;
    /**
     * Digests delivered a second, about, at most: in a crowd larger than this, joins and leaves are held longer
     * than the digest interval, so that a join storm costs the server (and each client) a bounded number of
     * wake-ups rather than one per session per interval. 10,000 sessions hear of joins every 5 s.
     */
    static final int DIGESTS_PER_SECOND = 2_000;

    interface OverflowHandler {
        void overflowed(ClientSession session);
    }

    private final EventBus bus;
    private final SessionRegistry sessions;
    private final OverflowHandler overflow;
    private final FatalErrorHandler fatal;
    private final int announceLimit;
    private final long digestIntervalNanos;
    private final Thread thread;
    private final ScheduledExecutorService digestTimer = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "rmichat-presence-digest"));
    private final ReentrantLock fanOutLock = new ReentrantLock();
    private final PollWakers pollWakers = new PollWakers(Runtime.getRuntime().availableProcessors());
    private volatile String lastPosition;   // written under fanOutLock: the last delivery fanned out
    private final HeldPresence presence = new HeldPresence();   // guarded by fanOutLock
    private long window;           // guarded by fanOutLock: numbers each digest's window, for its timer
    /** Sessions offered something since their polls were last woken; guarded by fanOutLock. */
    private final Set<ClientSession> offeredSinceWake = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param announceLimit  with more local sessions than this, joins and leaves go out as digests; 0: always
     * @param digestInterval longest a join or leave is held before its digest goes out
     */
    Broadcaster(EventBus bus, SessionRegistry sessions, OverflowHandler overflow, int announceLimit,
                Duration digestInterval, FatalErrorHandler fatal) {
        this.bus = bus;
        this.sessions = sessions;
        this.overflow = overflow;
        this.fatal = fatal;
        this.announceLimit = announceLimit;
        this.digestIntervalNanos = digestInterval.toNanos();
        this.thread = new Thread(this::run, "rmichat-broadcaster");
        // a history kept across a restart: a client from before it is replayed from where that run ended
        this.lastPosition = bus.head();
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
        // after the broadcaster: it is what schedules the timer
        digestTimer.shutdownNow();
        if (!digestTimer.awaitTermination(5, TimeUnit.SECONDS)) log.warn("presence digest timer did not stop in 5 s");
        pollWakers.close();
    }

    /**
     * Queues what the client missed since {@code resumeAfter}, if anything, and makes the session live. A
     * position from another history (before a restart of this server, or of the shared bus) resumes nothing
     * and holds nothing back: the client is told that lines may be missing instead.
     */
    void admit(ClientSession session, Optional<String> resumeAfter) {
        if (resumeAfter.isEmpty()) {
            // nothing to replay, so no seam to guard: waiting for the fan-out lock here starved joins while
            // the broadcaster was busy fanning out a storm of other joins. A digest being held may then tell it
            // of people who came just before it: late news, never a line twice.
            session.goLive();
            session.rooms().liveFrom(lastPosition);
            return;
        }
        fanOutLock.lock();
        try {
            session.startResuming();
            String shown = resumeAfter.get();
            if (!bus.belongs(shown)) {
                log.info("{} (\"{}\") resumes from a history this chat no longer has (a restart or a reset)",
                        session.userId(), session.name());
                session.offer(new Notice(Notice.CHAT_RESTARTED));
                presence.wentLive(session);
                session.goLive();
                session.rooms().liveFrom(lastPosition);
                return;
            }
            String replayedFrom = shown;
            if (lastPosition != null && bus.isAfter(lastPosition, shown)) replayedFrom = queueReplay(session, shown);
            // this server may not yet have read as far as the client had shown elsewhere: hold back the rest
            presence.wentLive(session);   // the replay reached lastPosition, so it had every held join and leave
            session.goLive(shown);
            // its scrollback (/history) ends where what it is shown now begins: what did not fit is there
            session.rooms().liveFrom(replayedFrom);
        } finally {
            fanOutLock.unlock();
        }
    }

    /**
     * Queues what the bus holds after {@code shown} up to the last event fanned out, and returns the position the
     * session's lines now continue from: {@code shown}, or the first line queued when the oldest did not fit.
     * Under fanOutLock.
     */
    private String queueReplay(ClientSession session, String shown) {
        Replay replay = bus.replay(shown, lastPosition);
        if (replay.historyLost()) session.offer(new Notice(Notice.CHAT_RESTARTED));
        long notKept = replay.notKept().countFor(session.rooms().names().stream().map(RoomNames::key).toList());
        if (notKept > 0) session.offer(new Notice(Notice.notKept(notKept)));
        long missed = replay.missed();
        List<Delivery> forIt = new ArrayList<>();
        for (Delivery delivery : replay.deliveries()) {
            if (receives(session, delivery)) forIt.add(delivery);
        }
        // a replay filling the queue would only evict the session again as it comes back: keep room for live
        int room = Math.max(0, session.capacity() / 2 - session.held() - 1);
        String from = shown;
        if (forIt.size() > room) {
            missed += forIt.size() - room;
            // the newest, next to what comes live; a kept history still shows the rest on /history
            if (room > 0) from = forIt.get(forIt.size() - room).position();
            forIt = forIt.subList(forIt.size() - room, forIt.size());
        }
        // what is not replayed came before what is, so it is told first
        if (missed > 0) session.offer(new Notice(Notice.missed(missed)));
        if (!forIt.isEmpty()) {
            // announced, so the client shows them as missed and where the live lines begin
            session.offerQuietly(Delivery.local(Envelope.toEveryone(
                    new MissedLines(forIt.size(), forIt.get(0).atMillis()))));
        }
        long unqueued = 0;
        for (Delivery delivery : forIt) {
            if (!session.offerQuietly(delivery)) unqueued++;
        }
        if (unqueued > 0) session.offer(new Notice(Notice.missed(unqueued)));
        session.wakePoll(true);
        return from == null ? shown : from;
    }

    /** Whether the session showed this delivery before it resumed here. */
    private boolean shownBefore(ClientSession session, Delivery delivery) {
        String resumedAfter = session.resumedAfter();
        return resumedAfter != null && delivery.position() != null
                && !bus.isAfter(delivery.position(), resumedAfter);
    }

    /**
     * Whether the session gets this bus event: the audience rule, and not a line it showed before resuming.
     * Every path that hands out bus events asks this, and only this.
     */
    private boolean receives(ClientSession session, Delivery delivery) {
        return delivery.envelope().isFor(session) && !shownBefore(session, delivery);
    }

    /** A line from this server to each of its own sessions, between two bus events. */
    void noticeAll(Notice notice) {
        fanOutLock.lock();
        try {
            announcePresence();   // the notice comes after those events in time, so after them on screen
            for (ClientSession session : sessions.all()) {
                if (session.isLive()) session.offer(notice);
            }
        } finally {
            fanOutLock.unlock();
        }
    }

    /** Announces the joins and leaves held for a digest now, ahead of whatever comes next. */
    void announcePresenceNow() {
        fanOutLock.lock();
        try {
            announcePresence();
            wakePolls();
        } finally {
            fanOutLock.unlock();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Delivery delivery = bus.take();
                int taken = 0;
                do {
                    try {
                        fanOut(delivery);
                    } catch (RuntimeException e) {
                        log.error("could not deliver {}", delivery.envelope().event().getClass().getSimpleName(), e);
                    }
                } while (++taken < MAX_TAKEN_TOGETHER && (delivery = bus.poll()) != null);
                wakePolls();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // stop() asked; nothing to clean up
        } catch (RuntimeException | Error e) {
            // from the bus itself, or an Error anywhere: nothing restarts this thread, and without it every line
            // is accepted and none delivered
            fatal.died(Thread.currentThread().getName(), e);
        }
    }

    private void fanOut(Delivery delivery) {
        fanOutLock.lock();
        try {
            lastPosition = delivery.position();
            if (isDigested(delivery)) {
                hold(delivery);
                return;
            }
            // whoever came or went before this event in bus order is announced before it
            announcePresence();
            for (ClientSession session : sessions.all()) {
                if (session.awaitsOwnJoin() && delivery.envelope().origin() == session.clientId()
                        && delivery.envelope().event() instanceof UserJoined) {
                    session.goLive();   // its own join line: everything after it is for this session too
                    session.rooms().liveFrom(delivery.position());
                    continue;
                }
                // its own room join or part: the room's lines reach it from here on in the one order, or stop here
                if (delivery.envelope().origin() == session.clientId()) {
                    session.followRooms(delivery.envelope().event(), delivery.position());
                }
                if (!session.isLive() || !receives(session, delivery)) continue;
                if (session.offerQuietly(delivery)) {
                    offeredSinceWake.add(session);
                } else {
                    overflow.overflowed(session);
                }
            }
        } finally {
            fanOutLock.unlock();
        }
    }

    /** In a chat larger than the limit, a join or leave for everyone (of the chat or a room) waits for a digest. */
    private boolean isDigested(Delivery delivery) {
        return PendingPresence.isPresence(delivery.envelope().event())
                && delivery.envelope().isForAllButOrigin()
                && sessions.size() > announceLimit;
    }

    /**
     * Holds a join or leave for the digest. Its origin follows it as in the fan-out: a newcomer whose own join
     * this is goes live, a member whose own room join or part this is starts or stops receiving the room.
     */
    private void hold(Delivery delivery) {
        if (presence.isEmpty()) {
            long thisWindow = ++window;
            digestTimer.schedule(() -> announceOnTimer(thisWindow), digestDelayNanos(digestIntervalNanos,
                    sessions.size()), TimeUnit.NANOSECONDS);
        }
        presence.hold(delivery);
        ChatEvent event = delivery.envelope().event();
        for (ClientSession session : sessions.all()) {
            if (delivery.envelope().origin() != session.clientId()) continue;
            if (event instanceof UserJoined && session.awaitsOwnJoin()) {
                presence.wentLive(session);   // of the digests, it hears only what is held after its own join
                session.goLive();
                session.rooms().liveFrom(delivery.position());
            } else if (event instanceof RoomJoined || event instanceof RoomLeft) {
                session.followRooms(event, delivery.position());
                if (event instanceof RoomJoined) presence.joinedRoom(session, delivery);
            }
        }
    }

    private void announceOnTimer(long scheduledWindow) {
        fanOutLock.lock();
        try {
            // an event may have announced that window already; then a later one may be open, with its own timer
            if (scheduledWindow == window) {
                announcePresence();
                wakePolls();
            }
        } catch (RuntimeException e) {
            log.error("could not announce joins and leaves", e);   // a scheduled task's exception is never seen
        } catch (Error e) {
            fatal.died(Thread.currentThread().getName(), e);
        } finally {
            fanOutLock.unlock();
        }
    }

    /** How long a join or leave is held: the interval, or longer in a crowd ({@link #DIGESTS_PER_SECOND}). */
    static long digestDelayNanos(long intervalNanos, int sessions) {
        return Math.max(intervalNanos, TimeUnit.SECONDS.toNanos(1) * sessions / DIGESTS_PER_SECOND);
    }

    /**
     * Wakes the polls of the sessions offered something since the last wake-up, if they wait. Only those: a
     * line of a room of 100, or a join held for a digest, must not cost a look at each of 10,000 sessions.
     */
    private void wakePolls() {
        List<ClientSession> offered;
        fanOutLock.lock();
        try {
            if (offeredSinceWake.isEmpty()) return;
            offered = new ArrayList<>(offeredSinceWake);
            offeredSinceWake.clear();
        } finally {
            fanOutLock.unlock();
        }
        // a waiting stream is written from here (and the helpers, a share each) while nothing else waits for this
        // thread; once the next event is ready, the rest are woken to write their own, on every core
        try {
            pollWakers.wakeAll(offered, session -> session.wakePoll(!bus.hasReady()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // stop(): the helpers finish their shares on their own
        }
    }

    /** Offers each live session its digests of what is held, then starts the next window. Under fanOutLock. */
    private void announcePresence() {
        if (presence.isEmpty()) return;
        log.debug("announcing {} joins and leaves as digests", presence.size());
        try {
            for (ClientSession session : sessions.all()) {
                if (!session.isLive()) continue;
                for (Delivery digest : presence.digestsFor(session, delivery -> receives(session, delivery))) {
                    if (!session.offerQuietly(digest)) {
                        overflow.overflowed(session);
                        break;
                    }
                    offeredSinceWake.add(session);
                }
            }
        } finally {
            presence.clear();   // even half announced: a second try would tell some sessions twice
        }
    }
}
