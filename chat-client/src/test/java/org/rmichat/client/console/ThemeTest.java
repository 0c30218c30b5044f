package org.rmichat.client.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class ThemeTest {

    @Test
    void coloursOnlyOnATerminalWhenNobodySaidNo() {
        assertTrue(Theme.coloursWanted(false, null, true));
        assertTrue(Theme.coloursWanted(false, "", true), "an empty NO_COLOR is as good as unset");
    }

    @Test
    void noColorOptionTurnsColoursOff() {
        assertFalse(Theme.coloursWanted(true, null, true));
    }

    @Test
    void anyNonEmptyNoColorTurnsColoursOff() {
        assertFalse(Theme.coloursWanted(false, "1", true));
        assertFalse(Theme.coloursWanted(false, "0", true), "any value, even 0, per no-color.org");
    }

    @Test
    void noColoursWhenOutputIsNotATerminal() {
        assertFalse(Theme.coloursWanted(false, null, false));
    }

    @Test
    void aNameHasTheSameColourEveryTimeWhateverItsCase() {
        Theme theme = Theme.coloured();

        assertEquals(theme.nick("alice"), Theme.coloured().nick("alice"));
        assertEquals(theme.nick("alice"), theme.nick("ALICE"));
        assertTrue(theme.nick("alice").getStyle() != AttributedStyle.DEFAULT.getStyle(), "alice has a colour");
    }

    @Test
    void namesSpreadOverThePalette() {
        long colours = java.util.stream.Stream.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi")
                .map(Theme::nickColour).distinct().count();

        assertTrue(colours >= 4, "8 names got only " + colours + " colours");
    }

    @Test
    void thePlainThemeStylesNothing() {
        Theme plain = Theme.plain();

        for (AttributedStyle style : new AttributedStyle[] {plain.nick("alice"), plain.system(), plain.privateTag(),
                plain.privateText(), plain.mention(), plain.action()}) {
            assertEquals(AttributedStyle.DEFAULT, style);
        }
    }
}
