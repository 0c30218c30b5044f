package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * What {@link ChatService#history} returns: lines oldest first, and whether there are older ones. Travels as
 * {@link HistoryPageWire}: events through {@link EventCodec}, as in poll replies.
 *
 * @param lines oldest first
 * @param more  whether the history holds lines before the first one
 */
public record HistoryPage(List<HistoryLine> lines, boolean more) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public static final HistoryPage EMPTY = new HistoryPage(List.of(), false);

    public HistoryPage {
        lines = List.copyOf(lines);
    }

    @Serial
    private Object writeReplace() {
        return new HistoryPageWire(this);
    }
}
