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
    // one or two rooms in immutable lists cost a tenth of a concurrent map's heap (there is one per client).
    private volatile Joined joined = new Joined(List.of(), List.of());
    private volatile Set<String> receiving = Set.of();

    /** The rooms it may post to, in the order it joined them: their keys, and their names as first given. */
    private record Joined(List<String> keys, List<String> names) {
        Joined with(String key, String name) {
            List<String> moreKeys = new ArrayList<>(keys);
            List<String> moreNames = new ArrayList<>(names);
            moreKeys.add(key);
            moreNames.add(name);
            return new Joined(List.copyOf(moreKeys), List.copyOf(moreNames));
        }

        Joined without(String key) {
            int at = keys.indexOf(key);
            List<String> fewerKeys = new ArrayList<>(keys);
            List<String> fewerNames = new ArrayList<>(names);
            fewerKeys.remove(at);
            fewerNames.remove(at);
            return new Joined(List.copyOf(fewerKeys), List.copyOf(fewerNames));
        }
    }
    private final Map<String, String> since = new java.util.HashMap<>();   // guarded by itself: key -> position

    /** In the room from the start (the default room, or rooms restored at a rejoin): posts and receives at once. */
    void enter(String room) {
        join(room);
        receiveFrom(room);
    }

    /** May post to it from now; true when it was not in it already. */
    synchronized boolean join(String room) {
        String key = RoomNames.key(room);
        if (joined.keys().contains(key)) return false;
        joined = joined.with(key, room);
        return true;
    }

    /** No longer posts to it; true when it was in it. */
    synchronized boolean part(String room) {
        String key = RoomNames.key(room);
        if (!joined.keys().contains(key)) return false;
        joined = joined.without(key);
        return true;
    }

    synchronized void receiveFrom(String room) {
        String key = RoomNames.key(room);
        if (receiving.contains(key)) return;
        Set<String> more = new HashSet<>(receiving);
        more.add(key);
        receiving = Set.copyOf(more);
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
            for (String key : joined.keys()) since.putIfAbsent(key, position);
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
        synchronized (this) {
            Set<String> fewer = new HashSet<>(receiving);
            fewer.remove(RoomNames.key(room));
            receiving = Set.copyOf(fewer);
        }
        synchronized (since) {
            since.remove(RoomNames.key(room));
        }
    }

    boolean receives(String roomKey) {
        return receiving.contains(roomKey);
    }

    boolean isIn(String room) {
        return joined.keys().contains(RoomNames.key(room));
    }

    /** The name of the room with this name's key as the session first joined it, or the name given. */
    String nameOf(String room) {
        Joined now = joined;
        int at = now.keys().indexOf(RoomNames.key(room));
        return at < 0 ? room : now.names().get(at);
    }

    int count() {
        return joined.keys().size();
    }

    /** In the order it joined them. */
    List<String> names() {
        return joined.names();
    }
}
