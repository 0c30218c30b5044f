package org.rmichat.api;

import java.io.Serial;

/** The server holds as many sessions as it allows. */
public final class ServerFullException extends ChatException {
    @Serial private static final long serialVersionUID = 1L;

    public ServerFullException() {
        super("server is full");
    }
}
