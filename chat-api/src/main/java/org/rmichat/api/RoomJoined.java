package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/** Someone joined a room other than the chat's default one; its other members receive it. */
public record RoomJoined(String room, long userId, String name) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public RoomJoined {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.roomJoined(this);
    }
}
