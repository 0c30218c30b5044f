package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

public record UserLeft(long userId, String name, Reason reason) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    /** Why a session ended; shown to the others. */
    public enum Reason {
        /** The user left: /quit, end of input, Ctrl-C. */
        QUIT,
        /** The session neither polled nor sent for the server's session timeout. */
        TIMED_OUT,
        /** The session fell further behind than its queue holds. */
        TOO_SLOW
    }

    public UserLeft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.left(this);
    }
}
