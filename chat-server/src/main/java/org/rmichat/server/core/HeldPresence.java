package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The joins and leaves a {@link Broadcaster} holds for the next digests: one {@link PendingPresence} for the chat
 * itself and one per room, so each digest names one room and reaches that room's members only, by the same rule
 * as the single lines it stands for. Not thread-safe: the broadcaster uses it under its fan-out lock.
 */
final class HeldPresence {
    /** The key of the chat's own joins and leaves; no room key is empty. */
    private static final String CHAT = "";

    private final Map<String, PendingPresence> byRoom = new LinkedHashMap<>();   // in the order first held
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Holds a join or leave, of the chat or of a room, with the others of its room. */
    void hold(Delivery delivery) {
        String room = PendingPresence.roomOf(delivery.envelope().event());
        String key = room == null ? CHAT : PendingPresence.roomKeyOf(delivery.envelope().event());
        byRoom.computeIfAbsent(key, k -> new PendingPresence(room)).hold(delivery);
        size++;
    }

    /** The session goes live now: what is held already, in any room, came before it and is not for it. */
    void wentLive(ClientSession session) {
        for (PendingPresence pending : byRoom.values()) pending.wentLive(session);
    }

    /** The session's own join of a room, just held: of that room's digest it hears only what comes after. */
    void joinedRoom(ClientSession session, Delivery ownJoin) {
        byRoom.get(PendingPresence.roomKeyOf(ownJoin.envelope().event())).wentLive(session);
    }

    /**
     * The digests for {@code session}, one per room with something held for it, in the order the rooms were
     * first held.
     *
     * @param receives the broadcaster's one rule of who gets a bus event
     */
    List<Delivery> digestsFor(ClientSession session, Predicate<Delivery> receives) {
        List<Delivery> digests = new ArrayList<>(1);
        for (PendingPresence pending : byRoom.values()) {
            Delivery digest = pending.digestFor(session, receives);
            if (digest != null) digests.add(digest);
        }
        return digests;
    }

    /** Starts the next window. */
    void clear() {
        byRoom.clear();
        size = 0;
    }
}
