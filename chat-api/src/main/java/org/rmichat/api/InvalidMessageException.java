package org.rmichat.api;

import java.io.Serial;

/** The message text is blank, too long, or unprintable. */
public final class InvalidMessageException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
        super(message);
    }
}
