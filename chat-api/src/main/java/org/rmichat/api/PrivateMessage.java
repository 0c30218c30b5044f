package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/**
 * A line sent with {@link ChatService#sendPrivate}; only its recipient receives it.
 *
 * @param fromUserId the sender's user id
 * @param from       the sender's name when it was sent
 * @param to         the recipient's name when it was sent
 */
public record PrivateMessage(long fromUserId, String from, String to, String text) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public PrivateMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.privateMessage(this);
    }
}
