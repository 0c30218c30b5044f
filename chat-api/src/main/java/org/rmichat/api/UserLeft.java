package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

public record UserLeft(long userId, String name, Reason reason) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    /** Why a session ended; shown to the others. */
    public enum Reason {
        /** A reason this build does not know (from a newer peer): shown as a plain leave. */
        OTHER(0),
        /** The user left: /quit, end of input, Ctrl-C. */
        QUIT(1),
        /** The session neither polled nor sent for the server's session timeout. */
        TIMED_OUT(2),
        /** The session fell further behind than its queue holds. */
        TOO_SLOW(3);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        /** Its code on the wire: explicit, so reordering or adding reasons never changes what one means. */
        public int code() {
            return code;
        }

        public static Reason ofCode(int code) {
            for (Reason reason : values()) {
                if (reason.code == code) return reason;
            }
            return OTHER;
        }
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
