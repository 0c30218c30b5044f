package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/**
 * A line to a room.
 *
 * @param room the room it was said in; null in an event from a server of before rooms, which means the chat's
 *             default room
 */
public record MessagePosted(long userId, String name, String text, String room) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    /** A line in the default room. */
    public MessagePosted(long userId, String name, String text) {
        this(userId, name, text, null);
    }

    public MessagePosted {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.message(this);
    }
}
