package org.rmichat.server.core;

import java.util.regex.Pattern;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.InvalidNameException;

/**
 * What text may reach other people's terminals, and which names are allowed.
 *
 * <p>One user's bytes are printed in everyone else's terminal, so anything a terminal interprets is removed
 * before it is relayed: escape sequences (CSI, OSC, DCS and the rest), C0 controls but tab, DEL, C1 controls,
 * and the bidirectional overrides and isolates that can make text read differently from what it is. Lone
 * surrogates become U+FFFD. Letters, marks, symbols and emoji pass through unchanged.
 */
public final class TextRules {
    // ESC followed by: CSI params+final, OSC/DCS/SOS/PM/APC strings up to BEL or ST, or any single char.
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\\u001B\\[[0-?]*[ -/]*[@-~]?"
                    + "|\\u001B[\\]PX^_][^\\u0007\\u001B\\u009C]*(?:\\u0007|\\u001B\\\\|\\u009C)?"
                    + "|\\u001B[\\s\\S]?"
                    + "|\\u009B[0-?]*[ -/]*[@-~]?"
                    + "|[\\u009D\\u0090\\u0098\\u009E\\u009F][^\\u0007\\u001B\\u009C]*(?:\\u0007|\\u001B\\\\|\\u009C)?");
    private static final Pattern UNPRINTABLE = Pattern.compile(
            "[\\u0000-\\u0008\\u000A-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]");
    // a letter may carry combining marks, so a decomposed "José" is a name; marks alone are not
    private static final Pattern NAME = Pattern.compile("(?:\\p{L}\\p{M}{0,3}|\\p{N}|[_-]){1,24}|User [0-9]{1,9}");

    private final int maxMessageLength;

    public TextRules(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    /** The text as others will see it, or an error the sender can read. */
    public String message(String raw) throws InvalidMessageException {
        if (raw.length() > maxMessageLength * 4L) {
            // checked before cleaning so a huge input costs nothing to reject
            throw tooLong(raw.length());
        }
        String clean = clean(raw).strip();
        if (clean.isEmpty()) throw new InvalidMessageException("message is blank");
        int length = clean.codePointCount(0, clean.length());
        if (length > maxMessageLength) throw tooLong(length);
        return clean;
    }

    /** A requested display name, checked as is: names are never silently changed. */
    public String name(String raw) throws InvalidNameException {
        if (raw.length() > 64 || !NAME.matcher(raw).matches()) {
            throw new InvalidNameException("invalid name \"" + printable(raw)
                    + "\": use 1-24 letters, digits, _ or -");
        }
        return raw;
    }

    static String clean(String raw) {
        String withoutSequences = ESCAPE_SEQUENCE.matcher(raw).replaceAll("");
        return UNPRINTABLE.matcher(replaceLoneSurrogates(withoutSequences)).replaceAll("");
    }

    private static String replaceLoneSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (out != null) out.append(c).append(s.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) out = new StringBuilder(s.length()).append(s, 0, i);
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String printable(String raw) {
        // cut before cleaning: quoting a hostile megabyte back must not cost a regex over all of it
        String clean = clean(raw.length() > 64 ? raw.substring(0, 64) : raw);
        return clean.length() > 30 ? clean.substring(0, 30) + "…" : clean;
    }

    private InvalidMessageException tooLong(long length) {
        return new InvalidMessageException("message too long: " + length + " characters, limit " + maxMessageLength);
    }
}
