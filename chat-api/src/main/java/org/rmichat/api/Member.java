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
 * @param away        why this member is away, or null when it is not (always null from a server older than
 *                    {@link Protocol#AWAY}: a record reads a component missing from the stream as null, and a
 *                    peer without it skips it, so both directions of a mixed cluster and client still read)
 */
public record Member(long userId, String name, long idleSeconds, boolean you, String away) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public Member {
        Objects.requireNonNull(name, "name");
        if (idleSeconds < 0) throw new IllegalArgumentException("idleSeconds < 0: " + idleSeconds);
    }

    /** Someone who is not away. */
    public Member(long userId, String name, long idleSeconds, boolean you) {
        this(userId, name, idleSeconds, you, null);
    }
}
