package org.rmichat.server.core;

import java.util.Objects;
import org.rmichat.api.Protocol;
import org.rmichat.api.RoomNames;

/**
 * The rooms of a chat.
 *
 * @param defaultRoom     the room everyone is in from the start
 * @param maxRooms        most rooms the chat may have at once
 * @param maxRoomsPerUser most rooms one person may be in, the default room included
 */
public record RoomsConfig(String defaultRoom, int maxRooms, int maxRoomsPerUser) {
    public RoomsConfig {
        Objects.requireNonNull(defaultRoom, "defaultRoom");
        if (!RoomNames.isValid(defaultRoom)) throw new IllegalArgumentException("not a room name: " + defaultRoom);
        if (maxRooms < 1) throw new IllegalArgumentException("max rooms < 1: " + maxRooms);
        if (maxRoomsPerUser < 1) throw new IllegalArgumentException("max rooms per user < 1: " + maxRoomsPerUser);
    }

    public static RoomsConfig defaults() {
        return new RoomsConfig(Protocol.DEFAULT_ROOM, 1_000, 20);
    }
}
