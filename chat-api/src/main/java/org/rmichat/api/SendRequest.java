package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One line to post.
 *
 * @param clientSeq the client's own number for this line, increasing from 1; a retry reuses it
 * @param action    an action ({@code /me waves}): others receive {@link ActionPosted} instead of {@link MessagePosted}
 * @param room      the room it is said in; null for the chat's default room (and from clients of before rooms)
 */
public record SendRequest(SessionToken token, long clientSeq, String text, boolean action, String room)
        implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public SendRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(text, "text");
        if (clientSeq < 1) throw new IllegalArgumentException("clientSeq < 1: " + clientSeq);
    }

    /** An ordinary line. */
    public SendRequest(SessionToken token, long clientSeq, String text) {
        this(token, clientSeq, text, false);
    }

    /** A line in the default room. */
    public SendRequest(SessionToken token, long clientSeq, String text, boolean action) {
        this(token, clientSeq, text, action, null);
    }
}
