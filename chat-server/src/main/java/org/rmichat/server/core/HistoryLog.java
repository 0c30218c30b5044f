package org.rmichat.server.core;

import java.util.List;

/**
 * The lines a server alone keeps across restarts (an embedded database). Its history id and the start of this
 * run's places make the bus's positions: a position from before a restart is of the same history and still
 * comparable, since every run's places begin after every place an earlier run could have handed out.
 *
 * <p>Appends are queued and written in batches by one writer thread; {@link #awaitWritten} is how a send learns
 * that the batch holding its line is committed. Reads see what is committed.
 */
public interface HistoryLog extends AutoCloseable {

    /** The id of the history this log keeps, the same at every start on the same data. */
    String historyId();

    /** The first place this run may hand out: after any place of an earlier run, committed or not. */
    long firstPlace();

    /** The last place committed by an earlier run, or 0. */
    long lastPlaceBefore();

    /** Queues a line for the writer; never blocks. */
    void append(ArchivedLine line);

    /**
     * Waits until every line queued at or before {@code place} is committed, or the history is paused (then at
     * once): a paused history must not stop the chat. {@code place} need not be a line's (a join's, say), but a
     * line must have been queued at or after it, or the wait lasts until one is.
     */
    void awaitWritten(long place) throws InterruptedException;

    /** Committed lines with {@code after < place <= upTo}, oldest first, at most {@code limit}. */
    List<ArchivedLine> after(long after, long upTo, int limit);

    /**
     * Committed lines of one room (and private lines, with {@code withPrivate}) before {@code before}, newest
     * first, at most {@code limit}, none older than {@code notBeforeMillis}.
     */
    List<ArchivedLine> before(String roomKey, boolean withPrivate, long before, long notBeforeMillis, int limit);

    /** Lines after {@code place} that retention deleted: what a client coming back from there cannot be shown. */
    NotKept deletedAfter(long place);

    @Override
    void close();
}
