package org.rmichat.api;

import java.io.Serial;

/** The session sent faster than the server's rate limit. */
public final class RateLimitedException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public RateLimitedException() {
        super("slow down: rate limit");
    }
}
