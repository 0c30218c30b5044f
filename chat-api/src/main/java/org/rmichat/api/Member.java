package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One person in the chat, as one member of it asked.
 *
 * @param userId      the id its server gave it; unique on that server only
 * @param idleSeconds seconds since this member last sent a line (or joined)
 * @param you         whether this is the member who asked: the server tells, since only it knows every
 *                    member's cluster-wide identity, and a client comparing per-server user ids would mark
 *                    strangers on other servers as itself
 */
public record Member(long userId, String name, long idleSeconds, boolean you) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public Member {
        Objects.requireNonNull(name, "name");
        if (idleSeconds < 0) throw new IllegalArgumentException("idleSeconds < 0: " + idleSeconds);
    }
}
