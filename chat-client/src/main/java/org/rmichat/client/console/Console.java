package org.rmichat.client.console;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jline.utils.AttributedString;

/**
 * Where the user types and reads. One thread reads lines; any thread may print, and printing never tears
 * the line being typed apart.
 */
public interface Console extends AutoCloseable {

    /** What Tab may put in place of the word being typed. */
    @FunctionalInterface
    interface Completion {
        /**
         * @param before the line before the word
         * @param word   the word up to the cursor; the console keeps the candidates that start with it
         */
        List<String> candidates(String before, String word);
    }

    /** The next line typed, or empty at end of input (Ctrl-D, Ctrl-C on an empty line, end of a pipe). */
    Optional<String> readLine() throws IOException;

    /**
     * Asks the user one question and reads the answer, on the thread that reads lines; empty at end of input.
     * The answer is not a chat line: it stays out of the history of typed lines.
     */
    default Optional<String> ask(String question) throws IOException {
        println(question);
        return readLine();
    }

    /** Shows one line of output. */
    void println(String line);

    /** Shows one styled line; a console that cannot show styles shows its text. */
    default void println(AttributedString line) {
        println(line.toString());
    }

    /** What the line being typed starts with from now on, such as the current room ({@code #dev> }). */
    default void setPrompt(String prompt) {
    }

    /**
     * How a line the user typed stays on the screen once entered, if not as typed after the prompt: an
     * action ({@code /me waves}) is shown as the others see it. Called with each line {@link #readLine}
     * returns; a console that does not redraw what was typed ignores it.
     */
    default void setEcho(java.util.function.Function<String, Optional<AttributedString>> echo) {
    }

    /** Clears the screen, where there is one; a pipe keeps what it was given. */
    default void clear() {
    }

    /** What Tab completes from now on; a console without a line editor has no Tab and ignores it. */
    default void setCompletion(Completion completion) {
    }

    /** Whether Tab completes here, so the names of the people present are worth fetching. */
    default boolean completes() {
        return false;
    }

    /** Whether this console has a line at the bottom of the screen for {@link #setStatus}. */
    default boolean hasStatusLine() {
        return false;
    }

    /**
     * Shows {@code line} at the bottom of the screen, where there is a status line; false when it could not be
     * drawn now (no line is being read, and a line printed meanwhile must not be cut by it), to be set again.
     */
    default boolean setStatus(AttributedString line) {
        return true;
    }

    /**
     * When {@code keys} are pressed while a line is typed, the line {@code command} gives is taken as if typed
     * (and not shown), and what was typed so far comes back with the next prompt; empty rings the bell.
     */
    default void bindKey(String keys, java.util.function.Supplier<Optional<String>> command) {
    }

    /**
     * Shows a line the user entered as {@link #setEcho} says, where the console redraws what was typed. The
     * console does so itself for each line {@link #readLine} returns, except for an entry of several lines (a
     * paste), which the caller shows line by line once the user confirmed it.
     */
    default void echo(String typed) {
    }

    /** Rings the terminal bell, where there is one. */
    default void bell() {
    }

    /**
     * Whether Ctrl-C reaches {@link #readLine} as a key, which decides what it does; if not, the terminal's
     * interrupt signal ends the client.
     */
    default boolean readsInterrupts() {
        return false;
    }

    /** Whether {@link #println(AttributedString)} shows colours and styles, not just text. */
    default boolean supportsStyles() {
        return false;
    }

    @Override
    void close();
}
