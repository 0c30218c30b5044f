package org.rmichat.api;

import java.io.Serial;

/**
 * The server ended this session itself, for the reason in the message (for example
 * {@code disconnected by server: too far behind}). The client may join again.
 */
public final class SessionClosedException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public static final String TOO_FAR_BEHIND = "disconnected by server: too far behind";

    public SessionClosedException(String message) {
        super(message);
    }
}
