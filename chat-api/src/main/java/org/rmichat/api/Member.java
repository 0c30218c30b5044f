package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One person in the chat.
 *
 * @param idleSeconds seconds since this member last sent a line (or joined)
 */
public record Member(long userId, String name, long idleSeconds) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public Member {
        Objects.requireNonNull(name, "name");
        if (idleSeconds < 0) throw new IllegalArgumentException("idleSeconds < 0: " + idleSeconds);
    }
}
