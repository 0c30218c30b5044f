package org.rmichat.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A paste of several lines arrives as one entry (the line editor keeps a bracketed paste together); each of its
 * lines is a line of the chat, as if typed one by one. Sent whole, the server's sanitiser would strip the line
 * breaks and run the lines together.
 */
final class PastedLines {
    /** Above this many lines the user confirms the paste first (irssi's {@code paste_verify_line_count}). */
    static final int CONFIRM_ABOVE = 5;

    private PastedLines() {
    }

    /** The lines of {@code entry}, in order, without the blank ones, which would send nothing. */
    static List<String> split(String entry) {
        List<String> lines = new ArrayList<>();
        for (String line : entry.split("\r\n|\r|\n")) {
            if (!line.isBlank()) lines.add(line);
        }
        return lines;
    }
}
