package org.rmichat.server.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongSupplier;

/**
 * The single-server bus: one unbounded queue, because senders are already rate-limited and must never block.
 * Positions are a counter within a history, handed out as events are published (in the order they are queued,
 * so the order taken).
 *
 * <p>Without a {@link HistoryLog}, the history is drawn at construction: a position from before a restart of
 * the server belongs to no history here, and a client coming back (after an eviction) is told how many events it
 * missed, not shown them. With one, the history and its places outlive restarts: lines (public, actions, private)
 * are queued for the log as they are published, a send returns once the batch holding its line is committed, and
 * a client coming back is replayed the lines the log holds after its position.
 */
public final class InMemoryEventBus implements EventBus {
    /** Most lines replayed to one client coming back; more are counted as missed. */
    static final int MAX_REPLAY = 10_000;

    private final BlockingQueue<Delivery> inbound = new LinkedBlockingQueue<>();
    private final Optional<HistoryLog> log;
    private final LongSupplier wallClock;
    private final String history;
    private final long lastPlaceBefore;
    private long next;   // guarded by this: the place of the next event published
    private volatile long lastKept;   // the place of the last line queued for the log; 0 before any

    public InMemoryEventBus() {
        this.log = Optional.empty();
        this.wallClock = System::currentTimeMillis;
        this.history = HistoryPosition.newHistory(new SecureRandom());
        this.lastPlaceBefore = 0;
        this.next = 1;
    }

    /** A bus whose lines are kept in {@code log}, in its history, after every place of its earlier runs. */
    public InMemoryEventBus(HistoryLog log, LongSupplier wallClock) {
        this.log = Optional.of(log);
        this.wallClock = wallClock;
        this.history = log.historyId();
        this.lastPlaceBefore = log.lastPlaceBefore();
        this.next = log.firstPlace();
    }

    @Override
    public void publish(Envelope envelope) {
        queue(envelope);
    }

    @Override
    public void publishSend(long clientSeq, Envelope envelope) throws org.rmichat.api.ChatException {
        // the session accepts each clientSeq once; one server needs nothing more
        long kept = queue(envelope);
        if (kept > 0) {
            try {
                log.get().awaitWritten(kept);   // its sender is told "sent" only once a crash cannot lose it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the server is stopping; the line is queued for the writer
            }
        }
    }

    /** Queues the envelope at the next place, and for the history if it is a line; the place kept, or 0. */
    private synchronized long queue(Envelope envelope) {
        long place = next++;
        inbound.add(new Delivery(new HistoryPosition(history, Long.toString(place)).toString(), envelope));
        if (log.isEmpty() || !envelope.isKeptInHistory()) return 0;
        String room = envelope.audience() instanceof Audience.Room r ? r.roomKey() : null;
        log.get().append(new ArchivedLine(place, wallClock.getAsLong(), room, envelope));
        lastKept = place;
        return place;
    }

    @Override
    public Delivery take() throws InterruptedException {
        return inbound.take();
    }

    @Override
    public Delivery poll() {
        return inbound.poll();
    }

    @Override
    public boolean hasReady() {
        return !inbound.isEmpty();
    }

    @Override
    public String head() {
        return lastPlaceBefore == 0 ? null : new HistoryPosition(history, Long.toString(lastPlaceBefore)).toString();
    }

    @Override
    public Replay replay(String after, String upTo) {
        long from = number(after);
        long to = number(upTo);
        if (from < 0 || to < 0 || to <= from) return Replay.NOTHING;
        if (log.isEmpty()) return new Replay(to - from, List.of());
        try {
            // the replay reads the log: it must hold every line fanned out so far. Only lines are written, so wait
            // for the last line queued, never for a join's place, which no commit would ever reach
            long kept = Math.min(to, lastKept);
            if (kept > from) log.get().awaitWritten(kept);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (ArchivedLine line : log.get().after(from, to, MAX_REPLAY)) {
            deliveries.add(new Delivery(new HistoryPosition(history, Long.toString(line.place())).toString(),
                    line.envelope(), line.atMillis()));
        }
        return new Replay(0, deliveries, false, log.get().deletedAfter(from));
    }

    @Override
    public List<TimedLine> history(String roomKey, boolean withPrivate, String before, long notBeforeMillis,
                                   int limit) {
        if (log.isEmpty()) return List.of();
        long until = before == null ? Long.MAX_VALUE : number(before);
        if (until < 0) return List.of();   // a position of another history: nothing of this one is before it
        List<TimedLine> lines = new ArrayList<>();
        for (ArchivedLine line : log.get().before(roomKey, withPrivate, until, notBeforeMillis, limit)) {
            lines.add(new TimedLine(new HistoryPosition(history, Long.toString(line.place())).toString(),
                    line.atMillis(), line.envelope()));
        }
        return lines;
    }

    @Override
    public boolean belongs(String position) {
        return number(position) >= 0;
    }

    @Override
    public boolean isAfter(String position, String other) {
        long a = number(position);
        long b = number(other);
        return a < 0 || b < 0 || a > b;
    }

    /** The counter in a position of this history; -1 for any other. */
    private long number(String position) {
        HistoryPosition parsed = HistoryPosition.parse(position);
        if (parsed == null || !parsed.isIn(history)) return -1;
        try {
            return Long.parseLong(parsed.place());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        inbound.clear();
    }
}
