package org.rmichat.api;

import java.io.Serial;

/** The token names no live session (it expired, left, or the server restarted). */
public final class UnknownSessionException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public UnknownSessionException() {
        super("unknown session");
    }
}
