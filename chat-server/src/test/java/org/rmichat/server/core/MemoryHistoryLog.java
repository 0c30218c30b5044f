package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link HistoryLog} in memory, written at once, for tests of the core: what the database keeps across a
 * restart, this keeps across rooms made on the same instance ({@link #nextRun}).
 */
final class MemoryHistoryLog implements HistoryLog {
    private final ConcurrentSkipListMap<Long, ArchivedLine> lines = new ConcurrentSkipListMap<>();
    private final String history = "feedface";
    private long run = 1;

    /** A restart: the next run's places begin after everything handed out so far. */
    MemoryHistoryLog nextRun() {
        run++;
        return this;
    }

    @Override
    public String historyId() {
        return history;
    }

    @Override
    public long firstPlace() {
        return run * 1_000_000;
    }

    @Override
    public long lastPlaceBefore() {
        var below = lines.headMap(firstPlace());
        return below.isEmpty() ? 0 : below.lastKey();
    }

    @Override
    public void append(ArchivedLine line) {
        lines.put(line.place(), line);
    }

    /**
     * Written at once; but waiting for a place after the last line queued would, with a real log, wait until the
     * next line is sent, perhaps for ever.
     */
    @Override
    public void awaitWritten(long place) {
        if (lines.isEmpty() || place > lines.lastKey()) {
            throw new IllegalStateException("waited for place " + place + ", after every line queued");
        }
    }

    @Override
    public List<ArchivedLine> after(long after, long upTo, int limit) {
        return lines.subMap(after, false, upTo, true).values().stream().limit(limit).toList();
    }

    @Override
    public List<ArchivedLine> before(String roomKey, boolean withPrivate, long before, long notBeforeMillis, int limit) {
        List<ArchivedLine> page = new ArrayList<>();
        for (ArchivedLine line : lines.headMap(before, false).descendingMap().values()) {
            boolean inRoom = roomKey.equals(line.roomKey()) || withPrivate && line.roomKey() == null;
            if (inRoom && line.atMillis() >= notBeforeMillis) page.add(line);
            if (page.size() == limit) break;
        }
        page.sort(Comparator.comparingLong(ArchivedLine::place).reversed());
        return page;
    }

    @Override
    public NotKept deletedAfter(long place) {
        return NotKept.NONE;
    }

    @Override
    public void close() {
    }
}
