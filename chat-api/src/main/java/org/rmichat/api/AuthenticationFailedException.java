package org.rmichat.api;

import java.io.Serial;

/** The join presented a wrong or missing shared secret. */
public final class AuthenticationFailedException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public AuthenticationFailedException() {
        super("authentication failed");
    }
}
