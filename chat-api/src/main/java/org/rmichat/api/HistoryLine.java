package org.rmichat.api;

import java.util.Objects;

/**
 * One event of a history page.
 *
 * @param position where it stands in the chat's one order (as in {@link PollResult#position()}): the next page
 *                 asks for what is before the oldest one shown
 * @param atMillis when the server took it, in milliseconds since the epoch (the server's clock)
 */
public record HistoryLine(String position, long atMillis, ChatEvent event) {
    public HistoryLine {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(event, "event");
        RequestLimits.bounded("position", position, RequestLimits.MAX_POSITION_LENGTH);
    }
}
