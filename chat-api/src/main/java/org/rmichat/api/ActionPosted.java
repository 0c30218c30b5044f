package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/** A line sent as an action ({@code /me waves}), shown as {@code * name waves}; everyone but its sender. */
public record ActionPosted(long userId, String name, String text, String room) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    /** An action in the default room; {@code room} null means that, as in {@link MessagePosted}. */
    public ActionPosted(long userId, String name, String text) {
        this(userId, name, text, null);
    }

    public ActionPosted {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.action(this);
    }
}
