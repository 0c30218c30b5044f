package org.rmichat.client;

/**
 * How the client shows the chat.
 *
 * @param colour     nicknames in colour, system lines dimmed, private lines and mentions highlighted
 * @param timestamps prefix each incoming line with {@code [HH:mm]}
 * @param quiet      no bell when someone mentions you
 */
public record DisplayOptions(boolean colour, boolean timestamps, boolean quiet) {

    /** Plain text, no timestamps, bell on: what pipes and tests get. */
    public static DisplayOptions plain() {
        return new DisplayOptions(false, false, false);
    }
}
