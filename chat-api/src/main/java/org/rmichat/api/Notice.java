package org.rmichat.api;

import java.io.Serial;
import java.util.Objects;

/** A line from the server itself, such as the shutdown warning. */
public record Notice(String text) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    public static final String SHUTTING_DOWN = "server is shutting down";
    public static final String BUS_UNAVAILABLE = "chat bus unavailable, messages are held";
    public static final String BUS_BACK = "chat bus is back, held messages follow";
    /** A client came back to a chat whose history began again (a server restart, a reset bus). */
    public static final String CHAT_RESTARTED = "the chat was restarted; lines sent while it was down may be missing";

    /**
     * The line for {@code count} events of the chat the server could not deliver to this client; an upper bound,
     * since some of them (its own lines, others' private ones) were never for it.
     */
    public static String missed(long count) {
        return "up to " + count + (count == 1 ? " line was" : " lines were") + " missed";
    }

    /** Lines after where a client came back from that the history no longer keeps (its retention). */
    public static String notKept(long count) {
        return count + " earlier " + (count == 1 ? "line is" : "lines are") + " no longer kept";
    }

    /** The history is not written (a full disk, a database error): live chat goes on. */
    public static final String HISTORY_PAUSED = "history is paused: new lines are not kept for now";
    /** The history is written again. */
    public static final String HISTORY_RESUMED = "history is kept again";

    public Notice {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.notice(this);
    }
}
