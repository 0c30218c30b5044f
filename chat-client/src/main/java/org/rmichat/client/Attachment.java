package org.rmichat.client;

import java.util.Objects;
import org.rmichat.api.ChatService;
import org.rmichat.api.Session;

/** A working link: the server's stub and the session held there. Replaced whole when either changes. */
record Attachment(ChatService service, Session session) {
    Attachment {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(session, "session");
    }
}
