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
 * @param historyOnJoin   lines of a room's history a client shows when it joins it; 0 for none
 */
public record RoomsConfig(String defaultRoom, int maxRooms, int maxRoomsPerUser, int historyOnJoin) {
    /** Scrollback on join unless told otherwise. */
    public static final int HISTORY_ON_JOIN = 50;

    public RoomsConfig {
        Objects.requireNonNull(defaultRoom, "defaultRoom");
        if (!RoomNames.isValid(defaultRoom)) throw new IllegalArgumentException("not a room name: " + defaultRoom);
        if (maxRooms < 1) throw new IllegalArgumentException("max rooms < 1: " + maxRooms);
        if (maxRoomsPerUser < 1) throw new IllegalArgumentException("max rooms per user < 1: " + maxRoomsPerUser);
        if (historyOnJoin < 0 || historyOnJoin > org.rmichat.api.HistoryRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("--history-on-join must be 0 to "
                    + org.rmichat.api.HistoryRequest.MAX_LIMIT + ": " + historyOnJoin);
        }
    }

    public RoomsConfig(String defaultRoom, int maxRooms, int maxRoomsPerUser) {
        this(defaultRoom, maxRooms, maxRoomsPerUser, HISTORY_ON_JOIN);
    }

    public static RoomsConfig defaults() {
        return new RoomsConfig(Protocol.DEFAULT_ROOM, 1_000, 20);
    }
}
