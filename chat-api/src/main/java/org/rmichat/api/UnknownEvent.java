package org.rmichat.api;

import java.io.Serial;
import java.util.Arrays;

/**
 * An event of a kind this build does not know, as a newer peer wrote it: its tag and its body, kept as they
 * came, so a server passes it on unchanged to clients that may know it, and a client shows one line instead of
 * failing its poll.
 */
public record UnknownEvent(int tag, byte[] body) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public UnknownEvent {
        if (tag < 0) throw new IllegalArgumentException("tag < 0: " + tag);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.unknown(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnknownEvent u && u.tag == tag && Arrays.equals(u.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownEvent[tag=" + tag + ", " + body.length + " bytes]";
    }
}
