package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Marks the session away, or back.
 *
 * @param text why one is away, at most {@link #MAX_LENGTH} characters; null or blank means back
 */
public record AwayRequest(SessionToken token, String text) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    /** The longest away text a server accepts. */
    public static final int MAX_LENGTH = 200;

    public AwayRequest {
        Objects.requireNonNull(token, "token");
    }

    /** Whether this request says "back" rather than "away". */
    public boolean back() {
        return text == null || text.isBlank();
    }
}
