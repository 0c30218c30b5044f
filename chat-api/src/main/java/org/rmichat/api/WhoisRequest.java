package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/** Asks about one person by name, ignoring case. */
public record WhoisRequest(SessionToken token, String name) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public WhoisRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(name, "name");
        RequestLimits.bounded("name", name, RequestLimits.MAX_NAME_LENGTH);
    }
}
