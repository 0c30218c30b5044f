package org.rmichat.client.console;

import java.util.Locale;
import org.jline.utils.AttributedStyle;

/**
 * How each part of a line looks. With colours off every style is the default one, so the same formatting
 * code yields plain text and {@code toAnsi} emits no escape codes.
 */
public final class Theme {
    // no black or white: one of them is always the background; bright variants double the choice
    private static final int[] NICK_COLOURS = {
        AttributedStyle.RED, AttributedStyle.GREEN, AttributedStyle.YELLOW, AttributedStyle.BLUE,
        AttributedStyle.MAGENTA, AttributedStyle.CYAN,
        AttributedStyle.BRIGHT + AttributedStyle.RED, AttributedStyle.BRIGHT + AttributedStyle.GREEN,
        AttributedStyle.BRIGHT + AttributedStyle.YELLOW, AttributedStyle.BRIGHT + AttributedStyle.BLUE,
        AttributedStyle.BRIGHT + AttributedStyle.MAGENTA, AttributedStyle.BRIGHT + AttributedStyle.CYAN,
    };

    private final boolean colour;

    private Theme(boolean colour) {
        this.colour = colour;
    }

    public static Theme coloured() {
        return new Theme(true);
    }

    public static Theme plain() {
        return new Theme(false);
    }

    public static Theme of(boolean colour) {
        return colour ? coloured() : plain();
    }

    /**
     * Whether to colour output: only on a terminal that can show styles, and never when the user said no,
     * with {@code --no-color} or with any non-empty {@code NO_COLOR} (the convention of no-color.org).
     */
    public static boolean coloursWanted(boolean noColorOption, String noColorEnv, boolean stylesSupported) {
        return stylesSupported && !noColorOption && (noColorEnv == null || noColorEnv.isEmpty());
    }

    public boolean isColoured() {
        return colour;
    }

    /**
     * The same colour for a name every time and for everyone: String.hashCode is specified, not per run.
     * Case is ignored, as names are unique ignoring case, so a case-only rename keeps its colour.
     */
    public AttributedStyle nick(String name) {
        if (!colour) return AttributedStyle.DEFAULT;
        return AttributedStyle.DEFAULT.foreground(nickColour(name));
    }

    static int nickColour(String name) {
        return NICK_COLOURS[Math.floorMod(name.toLowerCase(Locale.ROOT).hashCode(), NICK_COLOURS.length)];
    }

    /** Joins, leaves, renames, notices, timestamps: there, but quieter than what people say. */
    public AttributedStyle system() {
        return colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
    }

    /** The {@code [private]} and {@code →} tags. */
    public AttributedStyle privateTag() {
        return colour ? AttributedStyle.DEFAULT.bold().inverse() : AttributedStyle.DEFAULT;
    }

    /** The text of a private message. */
    public AttributedStyle privateText() {
        return colour ? AttributedStyle.DEFAULT.bold() : AttributedStyle.DEFAULT;
    }

    /** The text of a line that mentions you. */
    public AttributedStyle mention() {
        return colour
                ? AttributedStyle.DEFAULT.bold().foreground(AttributedStyle.BLACK).background(AttributedStyle.YELLOW)
                : AttributedStyle.DEFAULT;
    }

    /** The text of an action ({@code * alice waves}). */
    public AttributedStyle action() {
        return colour ? AttributedStyle.DEFAULT.italic() : AttributedStyle.DEFAULT;
    }
}
