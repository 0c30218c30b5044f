package org.rmichat.api;

import java.io.Serial;

/** The requested display name breaks the naming rules. */
public final class InvalidNameException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }
}
