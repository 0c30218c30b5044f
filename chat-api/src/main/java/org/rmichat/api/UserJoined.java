package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

public record UserJoined(long userId, String name) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public UserJoined {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.joined(this);
    }
}
