package org.rmichat.server.history;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.rmichat.server.core.ArchivedLine;
import org.rmichat.server.core.HistoryLog;
import org.rmichat.server.core.NotKept;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of a server alone, in SQLite under its data directory.
 *
 * <p>Protocol: {@link #append} only queues. The {@code rmichat-history-writer} thread takes whatever is queued
 * (up to {@link #MAX_BATCH} lines), writes it in one transaction, then raises the committed mark and wakes every
 * send waiting in {@link #awaitWritten}: one commit per batch, never one per line, and the fan-out never waits for
 * it. When a batch cannot be written (a full disk, a database error) the history is paused: the batch is dropped,
 * the mark is raised anyway so no send waits on a disk that will not take it, the log and the {@link Listener} are
 * told once, and the next batch tries again; the first that commits resumes the history, told once too.
 */
public final class SqliteHistoryLog implements HistoryLog {
    private static final Logger log = LoggerFactory.getLogger(SqliteHistoryLog.class);
    static final int MAX_BATCH = 1_000;
    /** Longest a send waits for its batch: a database that hangs must not hang the chat. */
    private static final long MAX_WAIT_MILLIS = 10_000;

    /** Told when the history stops being written and when it is written again. */
    public interface Listener {
        void paused(String reason);

        void resumed();
    }

    private final DataDirectory directory;
    private final HistoryDatabase database;
    private final HistoryConfig config;
    private final LongSupplier clock;
    private final BlockingQueue<ArchivedLine> queued = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final ScheduledExecutorService retention;
    private final Object committedMonitor = new Object();
    private long committed;            // guarded by committedMonitor: every place up to here is written or dropped
    private volatile boolean paused;   // written by the writer thread only
    private volatile boolean closed;
    private volatile Listener listener = new Listener() {
        @Override
        public void paused(String reason) {
        }

        @Override
        public void resumed() {
        }
    };

    private SqliteHistoryLog(DataDirectory directory, HistoryDatabase database, HistoryConfig config,
                             LongSupplier clock) {
        this.directory = directory;
        this.database = database;
        this.config = config;
        this.clock = clock;
        this.committed = database.firstPlace() - 1;
        this.writer = new Thread(this::write, "rmichat-history-writer");
        this.retention = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "rmichat-history-retention"));
    }

    /**
     * Opens the history in {@code config.dataDir()} (creating it on first start) and starts its writer and its
     * retention pass.
     *
     * @throws HistoryUnavailableException one line naming the directory or file: not writable, in use by another
     *                                     server, not an rmichat history, damaged
     */
    public static SqliteHistoryLog open(HistoryConfig config) throws HistoryUnavailableException {
        return open(config, System::currentTimeMillis);
    }

    static SqliteHistoryLog open(HistoryConfig config, LongSupplier clock) throws HistoryUnavailableException {
        DataDirectory directory = DataDirectory.claim(config.dataDir());
        try {
            HistoryDatabase database = HistoryDatabase.open(directory.path());
            SqliteHistoryLog history = new SqliteHistoryLog(directory, database, config, clock);
            history.start();
            return history;
        } catch (HistoryUnavailableException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private void start() {
        writer.start();
        long every = config.trimEvery().toMillis();
        retention.scheduleWithFixedDelay(this::trimGuarded, 0, every, TimeUnit.MILLISECONDS);
        log.info("history in {} ({} lines kept from earlier runs, {} KiB{})", database.file(),
                database.lastPlaceBefore() == 0 ? "no" : "with", database.sizeBytes() / 1024, describeRetention());
    }

    private String describeRetention() {
        if (config.retention().isZero() && config.maxLinesPerRoom() == 0) return ", kept forever";
        java.time.Duration age = config.retention();
        String ageText = age.isZero() ? "" : "for " + (age.toHoursPart() == 0 && age.toMinutesPart() == 0
                && age.toSecondsPart() == 0 ? age.toDays() + "d" : age.toString().substring(2).toLowerCase());
        String countText = config.maxLinesPerRoom() == 0 ? "" : config.maxLinesPerRoom() + " lines a room";
        return ", kept " + ageText + (ageText.isEmpty() || countText.isEmpty() ? "" : ", ") + countText;
    }

    public void onPauseChange(Listener listener) {
        this.listener = listener;
    }

    @Override
    public String historyId() {
        return database.historyId();
    }

    @Override
    public long firstPlace() {
        return database.firstPlace();
    }

    @Override
    public long lastPlaceBefore() {
        return database.lastPlaceBefore();
    }

    @Override
    public void append(ArchivedLine line) {
        queued.add(line);
    }

    @Override
    public void awaitWritten(long place) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        synchronized (committedMonitor) {
            while (committed < place && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("a line waited {} ms for the history; answering its sender anyway", MAX_WAIT_MILLIS);
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(committedMonitor, left);
            }
        }
    }

    /** Whether the history is paused: the last batch could not be written. */
    public boolean isPaused() {
        return paused;
    }

    /** The database, for tests that make its disk full. */
    HistoryDatabase database() {
        return database;
    }

    /** Bytes on disk: the database, its write-ahead log and index. */
    public long sizeBytes() {
        return database.sizeBytes();
    }

    @Override
    public List<ArchivedLine> after(long after, long upTo, int limit) {
        try {
            return database.after(after, upTo, limit);
        } catch (SQLException e) {
            log.warn("cannot read the history: {}", HistoryDatabase.describe(e));
            return List.of();
        }
    }

    @Override
    public List<ArchivedLine> before(String roomKey, boolean withPrivate, long before, long notBeforeMillis, int limit) {
        try {
            return database.before(roomKey, withPrivate, before, notBeforeMillis, limit);
        } catch (SQLException e) {
            log.warn("cannot read the history: {}", HistoryDatabase.describe(e));
            return List.of();
        }
    }

    @Override
    public NotKept deletedAfter(long place) {
        try {
            return database.deletedAfter(place);
        } catch (SQLException e) {
            log.warn("cannot read the history: {}", HistoryDatabase.describe(e));
            return NotKept.NONE;
        }
    }

    private void write() {
        List<ArchivedLine> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!closed || !queued.isEmpty()) {
                ArchivedLine first = queued.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queued.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // close() asked after the queue was written
        }
    }

    private void commit(List<ArchivedLine> batch) {
        try {
            database.insert(batch);
            if (paused) {
                paused = false;
                log.info("history is written again");
                listener.resumed();
            }
        } catch (SQLException | RuntimeException e) {
            if (!paused) {
                paused = true;
                String reason = e instanceof SQLException sql ? HistoryDatabase.describe(sql) : e.toString();
                log.error("history paused, lines are not kept until it can be written again: {} ({})",
                        reason, database.file());
                listener.paused(reason);
            }
        }
        synchronized (committedMonitor) {
            committed = Math.max(committed, batch.get(batch.size() - 1).place());
            committedMonitor.notifyAll();
        }
    }

    private void trimGuarded() {
        if (config.retention().isZero() && config.maxLinesPerRoom() == 0) {
            log.debug("history takes {} KiB", sizeBytes() / 1024);
            return;
        }
        try {
            long cutoff = config.retention().isZero() ? Long.MIN_VALUE : clock.getAsLong() - config.retention().toMillis();
            long deleted = database.trim(cutoff, config.maxLinesPerRoom());
            if (deleted > 0) log.info("history: {} old lines deleted, {} KiB on disk", deleted, sizeBytes() / 1024);
        } catch (SQLException e) {
            log.warn("history retention pass failed: {}", HistoryDatabase.describe(e));
        } catch (RuntimeException e) {
            log.error("history retention pass failed", e);   // a scheduled task's exception is never seen
        }
    }

    /** Writes what is queued, stops both threads and releases the directory. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        retention.shutdownNow();
        try {
            writer.join(10_000);
            if (!retention.awaitTermination(5, TimeUnit.SECONDS)) log.warn("history retention did not stop in 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (committedMonitor) {
            committedMonitor.notifyAll();
        }
        database.close();
        directory.close();
    }
}
