package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/** A line from the server itself, such as the shutdown warning. */
public record Notice(String text) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public static final String SHUTTING_DOWN = "server is shutting down";
    public static final String BUS_UNAVAILABLE = "chat bus unavailable, messages are held";
    public static final String BUS_BACK = "chat bus is back, held messages follow";

    public Notice {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.notice(this);
    }
}
