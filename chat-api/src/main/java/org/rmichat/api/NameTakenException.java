package org.rmichat.api;

import java.io.Serial;

/** Someone in the chat already has the requested name, ignoring case. */
public final class NameTakenException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public NameTakenException(String message) {
        super(message);
    }
}
