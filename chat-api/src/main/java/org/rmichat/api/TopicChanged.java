package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/** A room's topic was set (empty: cleared); every member receives it, the one who set it included. */
public record TopicChanged(String room, String topic, String by) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public TopicChanged {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(by, "by");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.topicChanged(this);
    }
}
