package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/** Someone left a room (with /part); its other members receive it. */
public record RoomLeft(String room, long userId, String name) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public RoomLeft {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.roomLeft(this);
    }
}
