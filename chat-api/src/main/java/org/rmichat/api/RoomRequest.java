package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/** A call about one room: join it, leave it, list its members. */
public record RoomRequest(SessionToken token, String room) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public RoomRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(room, "room");
    }
}
