package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;

/**
 * Asks to enter the chat.
 *
 * @param name     the requested display name, or {@code null} for the server's default {@code User N}
 * @param password the server's shared secret, or {@code null} when it has none; never printed
 */
public record JoinRequest(String name, String password) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public static JoinRequest anonymous() {
        return new JoinRequest(null, null);
    }

    public Optional<String> requestedName() {
        return Optional.ofNullable(name);
    }

    @Override
    public String toString() {
        return "JoinRequest[name=" + name + ", password=" + (password == null ? "none" : "redacted") + "]";
    }
}
