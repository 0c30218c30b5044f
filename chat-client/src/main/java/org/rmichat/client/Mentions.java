package org.rmichat.client;

import java.util.regex.Pattern;

/** Whether a line mentions a name: the name as a whole word, ignoring case. */
final class Mentions {
    // the characters a name is made of (TextRules); a mention is not preceded or followed by one
    private static final String NAME_CHAR = "[\\p{L}\\p{N}_-]";

    private Mentions() {
    }

    static boolean mentions(String text, String name) {
        if (name == null || name.isBlank()) return false;
        return Pattern.compile("(?<!" + NAME_CHAR + ")" + Pattern.quote(name) + "(?!" + NAME_CHAR + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
    }
}
