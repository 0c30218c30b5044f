package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * What {@link ChatService#join} returns.
 *
 * @param token  the credential every later call presents
 * @param userId a number for display only; it grants nothing
 * @param name   the display name the server assigned or accepted
 * @param limits   what the server enforces, so the client can pace itself instead of being rejected
 * @param protocol    the {@link Protocol} version the server speaks; {@link Protocol#UNVERSIONED} from a server
 *                    of before versions
 * @param defaultRoom the room everyone is in from the start (lines without a room are in it); null from a
 *                    server of before rooms
 */
public record Session(SessionToken token, long userId, String name, ServerLimits limits, int protocol,
                      String defaultRoom) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public Session {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        if (userId < 0) throw new IllegalArgumentException("userId < 0: " + userId);
    }

    /** A session of this build's protocol, in the usual default room. */
    public Session(SessionToken token, long userId, String name, ServerLimits limits) {
        this(token, userId, name, limits, Protocol.VERSION, Protocol.DEFAULT_ROOM);
    }

    public Session(SessionToken token, long userId, String name, ServerLimits limits, int protocol) {
        this(token, userId, name, limits, protocol, Protocol.DEFAULT_ROOM);
    }
}
