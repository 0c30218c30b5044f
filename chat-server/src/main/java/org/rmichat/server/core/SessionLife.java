package org.rmichat.server.core;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A session's life, one state at a time: JOINING, then AWAITING_OWN_JOIN (a fresh join, live once the
 * broadcaster fans out its own join line) or RESUMING (under the fan-out lock while its replay is queued), then
 * LIVE, then CLOSED. One immutable value swapped atomically, so no reader sees a session both closed and live,
 * and a closed session never comes back to life. Drawn in docs/architecture.md, "A session's life".
 */
final class SessionLife {
    enum Phase { JOINING, AWAITING_OWN_JOIN, RESUMING, LIVE, CLOSED }

    /**
     * @param resumedAfter while live: the position up to which it had shown lines elsewhere, or null
     * @param closedReason once closed: what its next poll is told
     */
    private record State(Phase phase, String resumedAfter, String closedReason) {
        static final State JOINING = new State(Phase.JOINING, null, null);
        static final State AWAITING_OWN_JOIN = new State(Phase.AWAITING_OWN_JOIN, null, null);
        static final State RESUMING = new State(Phase.RESUMING, null, null);
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.JOINING);

    Phase phase() {
        return state.get().phase();
    }

    void awaitOwnJoin() {
        state.compareAndSet(State.JOINING, State.AWAITING_OWN_JOIN);
    }

    void startResuming() {
        state.compareAndSet(State.JOINING, State.RESUMING);
    }

    /** Live from now, holding back what came at or before {@code shownUpTo} (null: nothing); closed stays closed. */
    void goLive(String shownUpTo) {
        State now = state.get();
        while (now.phase() != Phase.CLOSED && now.phase() != Phase.LIVE) {
            if (state.compareAndSet(now, new State(Phase.LIVE, shownUpTo, null))) return;
            now = state.get();
        }
    }

    void close(String reason) {
        state.set(new State(Phase.CLOSED, null, reason));
    }

    String resumedAfter() {
        return state.get().resumedAfter();
    }

    /** Why it closed; null while it is not closed. */
    String closedReason() {
        return state.get().closedReason();
    }
}
