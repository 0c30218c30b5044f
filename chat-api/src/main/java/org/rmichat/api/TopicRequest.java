package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Shows or sets a room's topic.
 *
 * @param topic the new topic ("" clears it), or null to only show it
 */
public record TopicRequest(SessionToken token, String room, String topic) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public TopicRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(room, "room");
    }
}
