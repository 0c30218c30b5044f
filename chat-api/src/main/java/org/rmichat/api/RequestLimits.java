package org.rmichat.api;

/**
 * The most any field of a request may hold, checked by each record's compact constructor, so also while a call's
 * arguments are read off the wire: a field over its bound fails the call before any server code sees it. Bounds
 * are generous for honest use (a name is at most 24 characters once the server has normalised it) and small
 * enough that nothing a server does per event with them can cost more than a few hundred characters' work.
 */
public final class RequestLimits {
    /** A requested name, before normalisation (NFKC can shorten it, never below the 24 a name may have). */
    public static final int MAX_NAME_LENGTH = 256;
    /** A shared secret presented at join. */
    public static final int MAX_PASSWORD_LENGTH = 4_096;
    /** A resume position: longer than any a bus hands out ({@code <history id>/<place>}). */
    public static final int MAX_POSITION_LENGTH = 200;
    /** A client secret: 32 hex digits from today's client, with room to grow. */
    public static final int MAX_SECRET_LENGTH = 128;

    private RequestLimits() {
    }

    /** {@code value} itself, or IllegalArgumentException naming the field when it is longer than {@code max}. */
    public static String bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " too long: " + value.length() + " characters, limit " + max);
        }
        return value;
    }
}
