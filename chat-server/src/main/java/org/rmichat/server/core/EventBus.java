package org.rmichat.server.core;

import org.rmichat.api.ChatException;

/**
 * The hop between the calls that produce events and the broadcaster that fans them out. Whatever order
 * {@link #take} yields is the order every session sees. The embedded default is an in-memory queue
 * ({@link InMemoryEventBus}); a shared log ({@code RedisEventBus}) lets several servers share one order.
 *
 * <p>Every bus is held to the same contract ({@code EventBusContractIT}): what is published is taken once,
 * in publish order, with increasing positions that name the bus's history; a send resent with a number already accepted for its origin
 * is not published again.
 */
public interface EventBus extends AutoCloseable {

    /**
     * Appends an event; never blocks on consumers. Throws only when the bus cannot take more (a shared bus
     * that is unreachable and already holds as much as it may).
     */
    void publish(Envelope envelope) throws ChatException;

    /**
     * Appends a client's line unless a line with this or a higher {@code clientSeq} of the same origin was
     * already appended. A bus that knows only one server may leave that check to the session, which makes
     * it too.
     */
    void publishSend(long clientSeq, Envelope envelope) throws ChatException;

    /** The next event in bus order, waiting for one. */
    Delivery take() throws InterruptedException;

    /**
     * The next event in bus order if one is ready now, else null; lets the broadcaster take what piled up in one
     * go. A bus that cannot tell without waiting returns null, and its events are fanned out one at a time.
     */
    default Delivery poll() {
        return null;
    }

    /** Whether {@link #poll} would return an event now; a bus that cannot tell without waiting says no. */
    default boolean hasReady() {
        return false;
    }

    /**
     * The events after {@code after} up to and including {@code upTo}, for a client resuming on this server
     * what it saw on another. A bus without history replays nothing, but counts what was missed.
     */
    Replay replay(String after, String upTo);

    /**
     * The position of the last event of this history from before this bus was created (a server alone that kept
     * its history across a restart), or null: where a client from before the restart is replayed from.
     */
    default String head() {
        return null;
    }

    /**
     * Lines of one room (with {@code withPrivate}, private lines too) before {@code before} (null: the newest),
     * newest first, at most {@code limit}, none older than {@code notBeforeMillis}: candidates for a history
     * page, which the caller filters by the one audience rule. A bus that keeps no history returns none.
     */
    default java.util.List<TimedLine> history(String roomKey, boolean withPrivate, String before, long notBeforeMillis,
                                              int limit) {
        return java.util.List.of();
    }

    /**
     * Whether {@code position} was handed out by the history this bus carries now. A position names its
     * history: one from before this server restarted (an in-memory bus) or before the shared bus was reset
     * (Redis restarted empty) does not belong, and resumes nothing.
     */
    boolean belongs(String position);

    /**
     * Whether {@code position} comes after {@code other} in bus order. True when the two are from different
     * histories or either cannot be read: such a resume point holds nothing back, since a number from another
     * history says nothing about this one.
     */
    boolean isAfter(String position, String other);

    /** Whether the bus answered its last read; a bus in memory always does. */
    default boolean isAvailable() {
        return true;
    }

    /** How far this server's reader is behind the newest event, in milliseconds; empty for a bus in memory. */
    default java.util.OptionalLong lagMillis() {
        return java.util.OptionalLong.empty();
    }

    /** Tells {@code listener} when the bus becomes unavailable and when it is back. */
    default void onHealthChange(HealthListener listener) {
    }

    interface HealthListener {
        void unavailable();

        void back();
    }

    @Override
    void close();
}
