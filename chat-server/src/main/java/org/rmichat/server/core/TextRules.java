package org.rmichat.server.core;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.regex.Pattern;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.InvalidNameException;

/**
 * What text may reach other people's terminals, and which names are allowed.
 *
 * <p>One user's bytes are printed in everyone else's terminal, so anything a terminal interprets is removed
 * before it is relayed: escape sequences (CSI, OSC, DCS and the rest), C0 controls but tab, DEL, C1 controls,
 * and the bidirectional overrides and isolates that can make text read differently from what it is; and
 * characters that are invisible but not needed: zero-width space, word joiner, invisible operators, byte order
 * mark, deprecated format controls, and tag characters outside an emoji flag. A zero-width joiner stays only
 * between two emoji (a family, a profession), a zero-width non-joiner only between two letters (Persian and
 * Indic spelling need it). Lone surrogates become U+FFFD. Letters, marks, symbols and emoji pass unchanged.
 *
 * <p>Names are compared by {@link #nameKey}, so two names that look alike are one name.
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

    /** Immutable once built, and its skeletons thread-safe: a constant, not shared state. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private final int maxMessageLength;

    public TextRules(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    /** The text as others will see it, or an error the sender can read. */
    public String message(String raw) throws InvalidMessageException {
        String clean = text("message", raw, maxMessageLength);
        if (clean.isEmpty()) throw new InvalidMessageException("message is blank");
        return clean;
    }

    /** An away text as others will see it, cleaned as a line is; null when blank (back). */
    public String away(String raw) throws InvalidMessageException {
        if (raw == null) return null;
        String clean = text("away text", raw, AwayRequest.MAX_LENGTH);
        return clean.isEmpty() ? null : clean;
    }

    private static String text(String what, String raw, int max) throws InvalidMessageException {
        if (raw.length() > max * 4L) {
            // checked before cleaning so a huge input costs nothing to reject
            throw tooLong(what, raw.length(), max);
        }
        String clean = clean(raw).strip();
        int length = clean.codePointCount(0, clean.length());
        if (length > max) throw tooLong(what, length, max);
        return clean;
    }

    /**
     * A requested display name in NFKC, so fullwidth and mathematical letters become the letters they stand
     * for; then checked, never cleaned: an invisible character (Unicode's default-ignorable ones, such as
     * variation selectors, the combining grapheme joiner and the Hangul fillers) is refused with its code.
     */
    public String name(String raw) throws InvalidNameException {
        if (raw.length() > 64) throw invalidName(raw);
        String name = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        int invisible = firstInvisible(raw);
        if (invisible < 0) invisible = firstInvisible(name);
        if (invisible >= 0) {
            throw new InvalidNameException("invalid name \"" + printable(raw) + "\": invisible character U+"
                    + String.format("%04X", invisible));
        }
        if (!NAME.matcher(name).matches()) throw invalidName(raw);
        return name;
    }

    /**
     * What makes two names the same name: equal keys. The Unicode TR39 skeleton of the case-folded name, so
     * names differing only in case, or in letters that look alike (Cyrillic а for Latin a, 1 for l), clash.
     */
    public static String nameKey(String name) {
        return CONFUSABLES.getSkeleton(UCharacter.foldCase(name, UCharacter.FOLD_CASE_DEFAULT));
    }

    private static int firstInvisible(String s) {
        return s.codePoints().filter(c -> UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT))
                .findFirst().orElse(-1);
    }

    private static InvalidNameException invalidName(String raw) {
        return new InvalidNameException("invalid name \"" + printable(raw) + "\": use 1-24 letters, digits, _ or -");
    }

    static String clean(String raw) {
        String withoutSequences = ESCAPE_SEQUENCE.matcher(raw).replaceAll("");
        return withoutInvisible(UNPRINTABLE.matcher(replaceLoneSurrogates(withoutSequences)).replaceAll(""));
    }

    /** Drops the invisible characters text does not need; see the class comment for those it keeps where. */
    private static String withoutInvisible(String s) {
        if (s.codePoints().noneMatch(TextRules::mayBeInvisible)) return s;   // the common case: nothing to do
        int[] cps = s.codePoints().toArray();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            int next = i + 1 < cps.length ? cps[i + 1] : -1;
            int previous = out.length() == 0 ? -1 : out.codePointBefore(out.length());
            if (c == ZWJ) {
                if (isEmojiPart(previous) && isEmoji(next)) out.appendCodePoint(c);
            } else if (c == ZWNJ) {
                if (isLetter(previous) && isLetter(next)) out.appendCodePoint(c);
            } else if (c == BLACK_FLAG) {
                out.appendCodePoint(c);
                int end = i + 1;
                while (end < cps.length && cps[end] >= 0xE0020 && cps[end] < CANCEL_TAG) end++;
                if (end > i + 1 && end < cps.length && cps[end] == CANCEL_TAG) {   // a subdivision flag: keep it
                    for (int k = i + 1; k <= end; k++) out.appendCodePoint(cps[k]);
                    i = end;
                }
            } else if (!isStrippedInvisible(c)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static boolean mayBeInvisible(int c) {
        return c == ZWJ || c == ZWNJ || isStrippedInvisible(c);
    }

    private static boolean isStrippedInvisible(int c) {
        return c == 0x200B                      // zero-width space
                || (c >= 0x2060 && c <= 0x2064)    // word joiner, invisible operators
                || (c >= 0x206A && c <= 0x206F)    // deprecated format controls
                || c == 0xFEFF                     // byte order mark, zero-width no-break space
                || (c >= 0xFFF9 && c <= 0xFFFB)    // interlinear annotation
                || (c >= 0xE0000 && c <= 0xE007F); // tags, kept above only inside a flag
    }

    private static boolean isEmoji(int c) {
        return c >= 0 && (Character.getType(c) == Character.OTHER_SYMBOL || UCharacter.hasBinaryProperty(c,
                UProperty.EXTENDED_PICTOGRAPHIC));
    }

    /** An emoji, or what may end one before a joiner: a variation selector or a skin tone. */
    private static boolean isEmojiPart(int c) {
        return isEmoji(c) || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF);
    }

    private static boolean isLetter(int c) {
        return c >= 0 && (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK);
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

    private static InvalidMessageException tooLong(String what, long length, int max) {
        return new InvalidMessageException(what + " too long: " + length + " characters, limit " + max);
    }
}
