package org.rmichat.server.core;

import java.util.Collection;
import java.util.Map;

/**
 * Lines after a position that the history's retention deleted, by room: so a client coming back is told of the
 * lines of its own rooms that are gone, not of every room's. Deleted private lines cannot be told apart by
 * party any more, so everyone is told of them: an upper bound, as is a retention pass that deleted lines on
 * both sides of the position.
 *
 * @param byRoom count by room key; {@link #PRIVATE} for private lines, {@link #ANY_ROOM} for passes recorded
 *               before rooms were counted
 */
public record NotKept(Map<String, Long> byRoom) {
    public static final String PRIVATE = "";
    public static final String ANY_ROOM = "*";
    public static final NotKept NONE = new NotKept(Map.of());

    public NotKept {
        byRoom = Map.copyOf(byRoom);
        if (byRoom.values().stream().anyMatch(count -> count < 0)) throw new IllegalArgumentException("count < 0");
    }

    /** How many of them a member of {@code roomKeys} may have missed. */
    public long countFor(Collection<String> roomKeys) {
        long count = byRoom.getOrDefault(PRIVATE, 0L) + byRoom.getOrDefault(ANY_ROOM, 0L);
        for (String key : roomKeys) count += byRoom.getOrDefault(key, 0L);
        return count;
    }
}
