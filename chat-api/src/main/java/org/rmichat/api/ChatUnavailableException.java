package org.rmichat.api;

import java.io.Serial;

/**
 * The server cannot reach the bus it shares with the other servers and holds as much as it may; the request
 * can be tried again shortly, here or on another server.
 */
public final class ChatUnavailableException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public ChatUnavailableException(String message) {
        super(message);
    }
}
