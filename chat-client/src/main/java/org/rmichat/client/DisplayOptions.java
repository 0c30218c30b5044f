package org.rmichat.client;

/**
 * How the client shows the chat.
 *
 * @param colour     nicknames in colour, system lines dimmed, private lines and mentions highlighted
 * @param timestamps prefix each incoming line with {@code [HH:mm]}
 * @param quiet      no bell when someone mentions you
 * @param markMentions start a line that mentions you with {@code > }: on a terminal without colours, where the
 *                   highlight cannot show (a pipe keeps its lines as they are)
 */
public record DisplayOptions(boolean colour, boolean timestamps, boolean quiet, boolean markMentions) {

    public DisplayOptions(boolean colour, boolean timestamps, boolean quiet) {
        this(colour, timestamps, quiet, false);
    }

    /** Plain text, no timestamps, bell on: what pipes and tests get. */
    public static DisplayOptions plain() {
        return new DisplayOptions(false, false, false);
    }
}
