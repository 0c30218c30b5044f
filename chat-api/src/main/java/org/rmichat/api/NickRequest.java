package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Asks to change the session's display name. Asking for the name the session already has succeeds and
 * announces nothing, so a retry whose first reply was lost is harmless.
 *
 * @param name the new name; the server checks it against the same rules as {@link JoinRequest#name()}
 */
public record NickRequest(SessionToken token, String name) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public NickRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(name, "name");
        RequestLimits.bounded("name", name, RequestLimits.MAX_NAME_LENGTH);
    }
}
