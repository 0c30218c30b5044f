package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;

/**
 * An opaque 128-bit bearer credential; whoever presents it acts as its session.
 *
 * <p>{@link #equals} compares every bit without branching on the first difference, so response times do
 * not tell a guesser how close it came; {@link #toString} is redacted so tokens never reach a log.
 */
public record SessionToken(long high, long low) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionToken that && ((high ^ that.high) | (low ^ that.low)) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high ^ low);
    }

    @Override
    public String toString() {
        return "SessionToken[redacted]";
    }
}
