package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

public record MessagePosted(long userId, String name, String text) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public MessagePosted {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.message(this);
    }
}
