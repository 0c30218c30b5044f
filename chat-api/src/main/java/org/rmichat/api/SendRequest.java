package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One line to post.
 *
 * @param clientSeq the client's own number for this line, increasing from 1; a retry reuses it
 */
public record SendRequest(SessionToken token, long clientSeq, String text) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public SendRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(text, "text");
        if (clientSeq < 1) throw new IllegalArgumentException("clientSeq < 1: " + clientSeq);
    }
}
