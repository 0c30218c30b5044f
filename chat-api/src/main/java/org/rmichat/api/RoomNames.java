package org.rmichat.api;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a room's name may be: {@code #} and 1–32 letters, digits, {@code _} or {@code -}; case-insensitive. */
public final class RoomNames {
    private static final Pattern VALID = Pattern.compile("#[A-Za-z0-9_-]{1,32}");

    private RoomNames() {
    }

    /** The name as given, if valid; otherwise a one-line error saying what a room name is. */
    public static String check(String name) throws InvalidNameException {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new InvalidNameException("not a room name: " + (name == null ? "nothing" : "\"" + shorten(name)
                    + "\"") + " (a room is # and 1-32 letters, digits, _ or -, e.g. #dev)");
        }
        return name;
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Two names are one room when their keys are equal. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }
}
