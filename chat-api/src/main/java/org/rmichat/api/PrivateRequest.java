package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One line for one person.
 *
 * @param clientSeq the client's number for this line, from the same sequence as {@link SendRequest#clientSeq()}:
 *                  the server accepts each number once, whichever call carries it
 * @param to        the recipient's name, matched ignoring case
 */
public record PrivateRequest(SessionToken token, long clientSeq, String to, String text) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public PrivateRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(to, "to");
        RequestLimits.bounded("recipient", to, RequestLimits.MAX_NAME_LENGTH);
        Objects.requireNonNull(text, "text");
        if (clientSeq < 1) throw new IllegalArgumentException("clientSeq < 1: " + clientSeq);
    }
}
