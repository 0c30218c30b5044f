package org.rmichat.server.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.rmichat.api.RoomNames;

/**
 * How many people are in each room, and the name each room goes by. On one server it is kept as sessions come,
 * go and join and part rooms, so a join costs the same with ten thousand people as with ten; on several servers
 * it is counted from the shared presence, which every server sees alike.
 */
interface RoomCensus {

    /** Every room with people in it: its key, then its name and member count. */
    Map<String, Room> rooms();

    /** The session is now in {@code room}. */
    default void entered(String room) {
    }

    /** The session is no longer in {@code room}. */
    default void left(String room) {
    }

    record Room(String name, int members) {
    }

    /** One server alone: counted as it goes. */
    static RoomCensus kept() {
        return new Kept();
    }

    /** Several servers: counted from everyone present, each time it is asked. */
    static RoomCensus countedFrom(Supplier<List<Presence.Present>> everyone) {
        return () -> {
            Map<String, Room> rooms = new LinkedHashMap<>();
            for (Presence.Present p : everyone.get()) {
                for (String room : p.rooms()) {
                    rooms.merge(RoomNames.key(room), new Room(room, 1),
                            (had, one) -> new Room(had.name(), had.members() + 1));
                }
            }
            return rooms;
        };
    }

    final class Kept implements RoomCensus {
        private final Map<String, Room> rooms = new ConcurrentHashMap<>();

        @Override
        public Map<String, Room> rooms() {
            return Map.copyOf(rooms);
        }

        @Override
        public void entered(String room) {
            rooms.merge(RoomNames.key(room), new Room(room, 1), (had, one) -> new Room(had.name(), had.members() + 1));
        }

        @Override
        public void left(String room) {
            rooms.computeIfPresent(RoomNames.key(room),
                    (key, had) -> had.members() <= 1 ? null : new Room(had.name(), had.members() - 1));
        }
    }
}
