package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/** Someone took a new name with {@link ChatService#nick}; everyone, the renamed user included, receives it. */
public record NickChanged(long userId, String oldName, String newName) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public NickChanged {
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.nickChanged(this);
    }
}
