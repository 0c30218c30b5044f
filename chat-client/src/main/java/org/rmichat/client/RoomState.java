package org.rmichat.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rmichat.api.RoomNames;

/**
 * The rooms this client is in, the one typed lines go to, and how many lines came from the others while it
 * looked away. Both client threads use it; every method holds its lock. A user who never types a room command
 * is in the default room only and sees nothing of this: no labels, the usual prompt.
 */
final class RoomState {
    static final String PLAIN_PROMPT = "You: ";

    private final Map<String, String> rooms = new LinkedHashMap<>();   // key -> name, in joining order
    private final Map<String, Integer> unread = new LinkedHashMap<>();
    private String defaultRoom;
    private String current;

    RoomState(String defaultRoom) {
        reset(defaultRoom);
    }

    /** A first session: in the default room only. */
    synchronized void reset(String defaultRoom) {
        this.defaultRoom = defaultRoom;
        rooms.clear();
        unread.clear();
        rooms.put(RoomNames.key(defaultRoom), defaultRoom);
        current = defaultRoom;
    }

    /** Joined {@code room}; it is the current room now. */
    synchronized void joined(String room) {
        rooms.putIfAbsent(RoomNames.key(room), room);
        current = rooms.get(RoomNames.key(room));
        unread.remove(RoomNames.key(room));
    }

    /** Left {@code room}; if it was the current one, the first room joined is. */
    synchronized void parted(String room) {
        rooms.remove(RoomNames.key(room));
        unread.remove(RoomNames.key(room));
        if (RoomNames.key(current).equals(RoomNames.key(room))) current = rooms.values().iterator().next();
    }

    /** Makes {@code room} current, if this client is in it. */
    synchronized Optional<String> switchTo(String room) {
        String name = rooms.get(RoomNames.key(room));
        if (name == null) return Optional.empty();
        current = name;
        unread.remove(RoomNames.key(room));
        return Optional.of(name);
    }

    synchronized String current() {
        return current;
    }

    synchronized boolean isIn(String room) {
        return rooms.containsKey(RoomNames.key(room));
    }

    synchronized int count() {
        return rooms.size();
    }

    synchronized List<String> all() {
        return List.copyOf(rooms.values());
    }

    /** The rooms besides the default one, for a rejoin to restore. */
    synchronized List<String> others() {
        List<String> others = new ArrayList<>(rooms.values());
        others.removeIf(room -> RoomNames.key(room).equals(RoomNames.key(defaultRoom)));
        return others;
    }

    /** The label before a line of {@code room}: its name, unless it is the current room or the only one. */
    synchronized String labelFor(String room) {
        String name = room == null ? defaultRoom : room;
        if (rooms.size() <= 1 || RoomNames.key(name).equals(RoomNames.key(current))) return "";
        return "[" + name + "] ";
    }

    /** A line arrived in {@code room}; counted unless the user is looking at it. */
    synchronized void arrived(String room) {
        String name = room == null ? defaultRoom : room;
        if (RoomNames.key(name).equals(RoomNames.key(current))) return;
        unread.merge(RoomNames.key(name), 1, Integer::sum);
    }

    /** The rooms with lines unread, each with how many, in joining order. */
    synchronized Map<String, Integer> unread() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        unread.forEach((key, count) -> counts.put(rooms.getOrDefault(key, key), count));
        return counts;
    }

    /** The room in place {@code n} (from 1) of joining order, as Alt-1…9 number them. */
    synchronized Optional<String> nth(int n) {
        return n >= 1 && n <= rooms.size() ? Optional.of(List.copyOf(rooms.values()).get(n - 1)) : Optional.empty();
    }

    /** {@code You: } in the default room alone; else the current room and what is unread elsewhere. */
    synchronized String prompt() {
        if (rooms.size() <= 1 && RoomNames.key(current).equals(RoomNames.key(defaultRoom))) return PLAIN_PROMPT;
        StringBuilder prompt = new StringBuilder(current);
        for (var entry : unread.entrySet()) {
            prompt.append(" [").append(rooms.getOrDefault(entry.getKey(), entry.getKey())).append(' ')
                    .append(entry.getValue()).append(']');
        }
        return prompt.append("> ").toString();
    }
}
