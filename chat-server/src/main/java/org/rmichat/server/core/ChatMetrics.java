package org.rmichat.server.core;

import org.rmichat.api.UserLeft;

/**
 * What the room tells whoever counts: one call per thing that happened, nothing returned. The core knows no
 * metrics library; {@code org.rmichat.server.metrics} turns these calls into Prometheus metrics. Calls come
 * from RMI threads, the reaper and the broadcaster at once, so an implementation must be thread-safe and must
 * not block: it runs inside join, send and poll.
 */
public interface ChatMetrics {
    /** Counts nothing: a room without metrics, and every test that does not ask. */
    ChatMetrics NONE = new ChatMetrics() {
    };

    /** A session joined, or came back quietly. */
    default void joined() {
    }

    /** A session ended: quit, timed out, evicted as too slow. */
    default void left(UserLeft.Reason reason) {
    }

    /** A line (public, action or private) was accepted and handed to the bus; resends are not counted. */
    default void lineReceived() {
    }

    /** A call was refused; {@code reason} is a short snake_case word such as {@code rate_limited}. */
    default void rejected(String call, String reason) {
    }

    /** A poll was answered after {@code nanos} (its wait included) with {@code events} events. */
    default void pollAnswered(long nanos, int events) {
    }
}
