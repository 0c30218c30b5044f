package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * Asks for a page of a room's history: the lines before {@code before} (null: the newest, up to where the
 * session's live lines begin), newest first on the server, at most {@code limit} (capped by the server), and with
 * {@code spanSeconds} above 0 only those less than that much older than the page's newest line.
 *
 * @param room        the room (its name); private lines of the asker come with the default room's
 * @param before      a position from an earlier page or poll, or null
 * @param limit       most lines wanted, 1 or more; the server caps it ({@link #MAX_LIMIT})
 * @param spanSeconds 0 for no time bound; else the page covers at most this long before its newest line
 */
public record HistoryRequest(SessionToken token, String room, String before, int limit, long spanSeconds)
        implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    /** The most lines one page holds, whatever is asked. */
    public static final int MAX_LIMIT = 500;

    public HistoryRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(room, "room");
        RequestLimits.bounded("room", room, RequestLimits.MAX_NAME_LENGTH);
        RequestLimits.bounded("before", before, RequestLimits.MAX_POSITION_LENGTH);
        if (limit < 1) throw new IllegalArgumentException("limit < 1: " + limit);
        if (spanSeconds < 0) throw new IllegalArgumentException("spanSeconds < 0: " + spanSeconds);
    }
}
