package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rmichat.api.RoomNames;

/**
 * The rooms a session is in, in two senses that differ for a moment. It may post to a room as soon as its join
 * call returns ({@link #join}); it receives a room's lines from its own join line on, in bus order, when the
 * broadcaster fans that line out ({@link #receiveFrom}), so it gets no line from before it came and none twice.
 * Parting is the same the other way round.
 */
final class SessionRooms {
    private final Map<String, String> joined = new ConcurrentHashMap<>();   // key -> name as first given
    private final Set<String> receiving = ConcurrentHashMap.newKeySet();
    private final Map<String, String> since = new java.util.HashMap<>();   // guarded by itself: key -> position

    /** In the room from the start (the default room, or rooms restored at a rejoin): posts and receives at once. */
    void enter(String room) {
        joined.putIfAbsent(RoomNames.key(room), room);
        receiving.add(RoomNames.key(room));
    }

    /** May post to it from now; true when it was not in it already. */
    boolean join(String room) {
        return joined.putIfAbsent(RoomNames.key(room), room) == null;
    }

    /** No longer posts to it; true when it was in it. */
    boolean part(String room) {
        return joined.remove(RoomNames.key(room)) != null;
    }

    void receiveFrom(String room) {
        receiving.add(RoomNames.key(room));
    }

    /**
     * Receives the room's lines after {@code position} (its own join line's, in bus order): what came before it is
     * the room's history for this session, what comes after, its live lines. Null when the bus has no position.
     */
    void receiveFrom(String room, String position) {
        receiveFrom(room);
        if (position == null) return;
        synchronized (since) {
            since.put(RoomNames.key(room), position);
            since.notifyAll();
        }
    }

    /** Live from {@code position} in every room it is in and has no such position for yet. */
    void liveFrom(String position) {
        if (position == null) return;
        synchronized (since) {
            for (String key : joined.keySet()) since.putIfAbsent(key, position);
            since.notifyAll();
        }
    }

    /**
     * Where the session's live lines of {@code room} begin, waiting up to {@code nanos} for the broadcaster to
     * fan its join out; null if it has not by then (or the bus has no positions).
     */
    String awaitLiveFrom(String room, long nanos) throws InterruptedException {
        String key = RoomNames.key(room);
        long deadline = System.nanoTime() + nanos;
        synchronized (since) {
            while (!since.containsKey(key)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(since, left);
            }
            return since.get(key);
        }
    }

    void stopReceiving(String room) {
        receiving.remove(RoomNames.key(room));
        synchronized (since) {
            since.remove(RoomNames.key(room));
        }
    }

    boolean receives(String roomKey) {
        return receiving.contains(roomKey);
    }

    boolean isIn(String room) {
        return joined.containsKey(RoomNames.key(room));
    }

    /** The name of the room with this name's key as the session first joined it, or the name given. */
    String nameOf(String room) {
        return joined.getOrDefault(RoomNames.key(room), room);
    }

    int count() {
        return joined.size();
    }

    List<String> names() {
        return List.copyOf(new ArrayList<>(joined.values()));
    }
}
