package org.rmichat.api;

import java.io.Serial;

/**
 * A request the server understood and refused. The message is written for the user and shown as is.
 *
 * <p>These are expected outcomes, not bugs, so they carry no stack trace: it would only cost bytes on the
 * wire and leak server internals to clients.
 */
public class ChatException extends Exception {
    @Serial private static final long serialVersionUID = 1L;

    public ChatException(String message) {
        super(message, null, false, false);
    }
}
