package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmichat.api.RoomNames;

/**
 * The rooms a session is in, in two senses that differ for a moment. It may post to a room as soon as its join
 * call returns ({@link #join}); it receives a room's lines from its own join line on, in bus order, when the
 * broadcaster fans that line out ({@link #receiveFrom}), so it gets no line from before it came and none twice.
 * Parting is the same the other way round.
 */
final class SessionRooms {
    // Copied on write, under this: a session changes rooms seldom, the broadcaster reads them for every line, and
    // one or two rooms in immutable collections cost a tenth of a concurrent map's heap (there is one per client).
    private volatile List<String> joined = List.of();   // names as first given, in the order joined
    private volatile Set<String> receiving = Set.of();   // keys
    private final Map<String, String> since = new java.util.HashMap<>();   // guarded by itself: key -> position

    /** In the room from the start (the default room, or rooms restored at a rejoin): posts and receives at once. */
    void enter(String room) {
        join(room);
        receiveFrom(room);
    }

    /** May post to it from now; true when it was not in it already. */
    synchronized boolean join(String room) {
        if (indexOf(joined, RoomNames.key(room)) >= 0) return false;
        List<String> more = new ArrayList<>(joined);
        more.add(room);
        joined = List.copyOf(more);
        return true;
    }

    /** No longer posts to it; true when it was in it. */
    synchronized boolean part(String room) {
        int at = indexOf(joined, RoomNames.key(room));
        if (at < 0) return false;
        List<String> fewer = new ArrayList<>(joined);
        fewer.remove(at);
        joined = List.copyOf(fewer);
        return true;
    }

    void receiveFrom(String room) {
        receiving(RoomNames.key(room), true);
    }

    private synchronized void receiving(String key, boolean receives) {
        if (receiving.contains(key) == receives) return;
        Set<String> next = new HashSet<>(receiving);
        if (receives) next.add(key); else next.remove(key);
        receiving = Set.copyOf(next);
    }

    private static int indexOf(List<String> names, String key) {
        for (int i = 0; i < names.size(); i++) {
            if (RoomNames.key(names.get(i)).equals(key)) return i;
        }
        return -1;
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
            for (String name : joined) since.putIfAbsent(RoomNames.key(name), position);
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
        receiving(RoomNames.key(room), false);
        synchronized (since) {
            since.remove(RoomNames.key(room));
        }
    }

    boolean receives(String roomKey) {
        return receiving.contains(roomKey);
    }

    boolean isIn(String room) {
        return indexOf(joined, RoomNames.key(room)) >= 0;
    }

    /** The name of the room with this name's key as the session first joined it, or the name given. */
    String nameOf(String room) {
        List<String> now = joined;
        int at = indexOf(now, RoomNames.key(room));
        return at < 0 ? room : now.get(at);
    }

    int count() {
        return joined.size();
    }

    /** In the order it joined them. */
    List<String> names() {
        return joined;
    }
}
