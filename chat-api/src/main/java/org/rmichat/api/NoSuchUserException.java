package org.rmichat.api;

import java.io.Serial;

/** No one in the chat has the name a private message was addressed to. */
public final class NoSuchUserException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public NoSuchUserException(String message) {
        super(message);
    }
}
