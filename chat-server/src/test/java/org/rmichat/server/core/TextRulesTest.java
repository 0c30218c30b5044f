package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.InvalidNameException;

/** Terminal safety: nothing a terminal would interpret survives, and real text is left alone. */
class TextRulesTest {
    private final TextRules rules = new TextRules(2_000);

    /** Hostile inputs, each wrapped in visible text so the result is never blank. */
    static Stream<String> hostile() {
        return Stream.of(
                "\u001B[2J\u001B[H",                      // CSI: clear screen, cursor home
                "\u001B[31;1mred\u001B[0m",               // CSI: colours
                "\u001B[10A\u001B[5C",                    // CSI: cursor up, right
                "\u001B[?1049h",                          // CSI private: alternate screen
                "\u001B]0;pwned\u0007",                   // OSC 0: window title, BEL-terminated
                "\u001B]2;pwned\u001B\\",                 // OSC 2: title, ST-terminated
                "\u001B]8;;http://evil/\u0007link\u001B]8;;\u0007",   // OSC 8 hyperlink
                "\u001B]52;c;Y2xpcGJvYXJk\u0007",         // OSC 52: write the clipboard
                "\u001BPq#0;2;0;0;0\u001B\\",             // DCS (sixel)
                "\u001B_apc\u001B\\", "\u001B^pm\u001B\\", "\u001BXsos\u001B\\",
                "\u001Bc",                                 // RIS: full reset
                "\u001B7\u001B8", "\u001B",                // save/restore cursor; lone ESC
                "\u009B2J", "\u009D0;pwned\u009C", "\u0090dcs\u009C",   // 8-bit CSI, OSC, DCS
                "\u0000", "\u0007", "\b\b\b", "\r", "\n", "\u000B\u000C", "\u007F", "\u0085",
                "\u202Eevil\u202C", "\u202Aembed\u202C", "\u2066iso\u2069", "\u2067\u2068\u200E\u200F\u061C");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileSequencesAreStrippedFromMessages(String attack) throws Exception {
        String shown = rules.message("before " + attack + " after");

        assertTrue(shown.startsWith("before ") && shown.endsWith(" after"), shown);
        assertNoTerminalControls(shown);
        assertFalse(shown.contains("pwned"), "an escape sequence's payload is removed with it: " + shown);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileNamesAreRejectedWithAPrintableReason(String attack) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> rules.name("eve" + attack));

        assertTrue(e.getMessage().startsWith("invalid name"), e.getMessage());
        assertNoTerminalControls(e.getMessage());
    }

    @Test
    void loneAndReversedSurrogatesBecomeReplacementCharacters() throws Exception {
        assertEquals("a\uFFFDb", rules.message("a\uD800b"));
        assertEquals("a\uFFFD\uFFFDb", rules.message("a\uDC00\uD83Db"));
        assertEquals("end\uFFFD", rules.message("end\uD83D"));
    }

    @Test
    void overlongLinesAreRejectedWithTheLimit() {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> rules.message("x".repeat(2_001)));
        assertEquals("message too long: 2001 characters, limit 2000", e.getMessage());

        assertThrows(InvalidMessageException.class, () -> rules.message("y".repeat(5_000_000)));
    }

    @Test
    void textThatIsOnlyControlsIsBlank() {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> rules.message("\u001B[2J\u0000\u202E \t"));
        assertEquals("message is blank", e.getMessage());
    }

    @Test
    void lettersMarksAndEmojiPassUnchanged() throws Exception {
        List<String> texts = List.of("héllo wörld", "Jose\u0301 and Zoë", "日本語のテキスト", "Привет, мир",
                "مرحبا بالعالم", "שלום עולם", "नमस्ते", "👍🏽 🇫🇷 👨‍👩‍👧 ❤️", "tab\tinside", "a < b & c > d; 'q' \"q\"");
        for (String text : texts) {
            assertEquals(text, rules.message(text));
        }
    }

    @Test
    void namesMayBeAnyScriptWithCombiningMarks() throws Exception {
        for (String name : List.of("alice", "José", "Zoë", "李雷", "Ольга", "user_1-b", "User 7")) {
            assertEquals(name, rules.name(name));
        }
        assertEquals("José", rules.name("Jose\u0301"), "composed, as NFKC does");
        for (String name : List.of("", " ", "a b", "\u0301\u0301", "👍", "x".repeat(25), "ev\u200Eil")) {
            assertThrows(InvalidNameException.class, () -> rules.name(name), name);
        }
    }

    @Test
    void namesAreNormalisedSoFullwidthAndMathematicalLettersAreTheLettersTheyShow() throws Exception {
        assertEquals("alice", rules.name("ａｌｉｃｅ"));
        assertEquals("alice", rules.name("\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E"));   // 𝐚𝐥𝐢𝐜𝐞
        assertEquals("fine", rules.name("\uFB01ne"));   // the ﬁ ligature is two letters
    }

    @Test
    void invisibleCharactersInNamesAreRefusedWithTheirCode() {
        List<String> invisible = List.of("alice\uFE0F", "alice\u034F", "\u3164", "al\u200Bice", "al\u00ADice",
                "\uFFA0", "alice\u2060", "a\u115Fb", "alice\uDB40\uDC41");
        for (String name : invisible) {
            InvalidNameException e = assertThrows(InvalidNameException.class, () -> rules.name(name), name);
            assertTrue(e.getMessage().contains("invisible character U+"), e.getMessage());
        }
    }

    @Test
    void namesThatLookAlikeHaveOneKey() {
        String alice = TextRules.nameKey("alice");
        for (String lookAlike : List.of("Alice", "ALICE", "\u0430lice", "al\u0456ce", "a1ice", "\u0251lice")) {
            assertEquals(alice, TextRules.nameKey(lookAlike), lookAlike);
        }
        for (String other : List.of("bob", "alicia", "Ali", "All")) {
            assertFalse(alice.equals(TextRules.nameKey(other)), other);
        }
        assertFalse(TextRules.nameKey("Ali").equals(TextRules.nameKey("All")), "i and l are different letters");
    }

    @Test
    void zeroWidthAndTagCharactersAreStrippedFromMessages() throws Exception {
        assertEquals("hidden", rules.message("hid\u200Bden\uFEFF"));
        assertEquals("ab", rules.message("a\u2060\u2062b"));
        assertEquals("hi", rules.message("hi\uDB40\uDC01\uDB40\uDC41\uDB40\uDC7F"));   // tags spelling "A"
        assertEquals("ab", rules.message("a\u200Db"), "a joiner between letters joins nothing");
        assertEquals("a\u200Cb", rules.message("a\u200Cb\u200C"), "a non-joiner at the end separates nothing");
    }

    @Test
    void joinersInsideEmojiAndWordsAndSubdivisionFlagsStay() throws Exception {
        List<String> texts = List.of(
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",                    // family
                "\uD83D\uDC69\uD83C\uDFFD\u200D\u2695\uFE0F",                            // health worker, skin tone
                "\u2764\uFE0F\u200D\uD83D\uDD25",                                          // heart on fire
                "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F",   // Scotland
                "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");                     // Persian, with ZWNJ
        for (String text : texts) {
            assertEquals(text, rules.message(text));
        }
    }

    private static void assertNoTerminalControls(String s) {
        s.codePoints().forEach(c -> {
            boolean control = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
            boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x200E || c == 0x200F || c == 0x061C;
            assertFalse(control || bidi || Character.isSurrogate((char) c),
                    () -> String.format("U+%04X left in %s", c, s.replace("\u001B", "<ESC>")));
        });
    }
}
