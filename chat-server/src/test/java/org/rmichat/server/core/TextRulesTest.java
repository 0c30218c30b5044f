package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.rmichat.api.InvalidMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {
    private final TextRules rules = new TextRules(2_000);

    @ParameterizedTest
    @ValueSource(strings = {"Hello everyone!", "héllo wörld", "日本語テキスト", "🚀 launch 👍🏽", "tab\tinside", "e\u0301"})
    void printableTextPassesUnchanged(String text) throws Exception {
        assertEquals(text, rules.message(text));
    }

    @Test
    void escapeSequencesAndControlsAreRemoved() throws Exception {
        assertEquals("redtext", rules.message("\u001B[31mred\u001B[0mtext"));
        assertEquals("title", rules.message("\u001B]0;owned\u0007title"));
        assertEquals("ab", rules.message("a\u0000\u0008\u007F\u009B2Jb"));
        assertEquals("abc", rules.message("a\u202Eb\u2066c"));
        assertEquals("x\uFFFDy", rules.message("x\uD800y"));
    }

    @Test
    void onlyEscapesIsBlank() {
        assertThrows(InvalidMessageException.class, () -> rules.message("\u001B[2J\u001B[H"));
    }
}
