package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One person in the chat in full, as {@link ChatService#whois} answers.
 *
 * @param joinedAtEpochMillis when it joined the chat, by its server's wall clock
 * @param idleSeconds         seconds since it last sent a line (or joined)
 * @param away                why it is away, or null when it is not
 * @param server              the id of the server it is connected to in a cluster; null on a server alone
 * @param rooms               the rooms it is in, names as given
 */
public record MemberDetails(String name, long joinedAtEpochMillis, long idleSeconds, String away, String server,
                            List<String> rooms) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public MemberDetails {
        Objects.requireNonNull(name, "name");
        if (idleSeconds < 0) throw new IllegalArgumentException("idleSeconds < 0: " + idleSeconds);
        rooms = List.copyOf(rooms);
    }
}
