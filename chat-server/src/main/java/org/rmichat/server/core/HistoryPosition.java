package org.rmichat.server.core;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A place in one history of a bus: {@code <history>/<place>}. A number means nothing outside the history it
 * came from, so every position a bus hands out carries that history's id, and two positions are compared only
 * when their histories match.
 *
 * @param history the id of the history, drawn when the history began
 * @param place   the bus's own place within it
 */
public record HistoryPosition(String history, String place) {
    private static final char SEPARATOR = '/';
    /** Longer than any position a bus hands out; a longer string is not read at all. */
    public static final int MAX_LENGTH = org.rmichat.api.RequestLimits.MAX_POSITION_LENGTH;

    public HistoryPosition {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(place, "place");
        if (history.indexOf(SEPARATOR) >= 0) throw new IllegalArgumentException("bad history id: " + history);
    }

    /** A new history's id: random, so a restarted server or a reset bus never draws the old one again. */
    public static String newHistory(SecureRandom random) {
        return Long.toHexString(random.nextLong() | 1L << 63);
    }

    /** The position in {@code text}, or null when it is not one. */
    public static HistoryPosition parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) return null;
        int separator = text.indexOf(SEPARATOR);
        if (separator <= 0 || separator == text.length() - 1) return null;
        return new HistoryPosition(text.substring(0, separator), text.substring(separator + 1));
    }

    public boolean isIn(String otherHistory) {
        return history.equals(otherHistory);
    }

    @Override
    public String toString() {
        return history + SEPARATOR + place;
    }
}
