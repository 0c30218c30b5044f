package org.rmichat.client.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lines in, lines out, no escape codes: for pipes and scripts, and for terminals JLine cannot drive. With a
 * prompt, incoming lines reprint it so the user still sees where to type.
 */
public final class PlainConsole implements Console {
    private static final String PROMPT = "You: ";
    private volatile String current = PROMPT;

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean prompt;

    public PlainConsole(InputStream in, PrintStream out, boolean prompt) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.prompt = prompt;
    }

    @Override
    public Optional<String> readLine() throws IOException {
        if (prompt) printPrompt();
        return Optional.ofNullable(in.readLine());
    }

    @Override
    public synchronized void println(String line) {
        if (prompt) {
            out.print("\r" + line + "\n" + current);
            out.flush();
        } else {
            out.println(line);
        }
    }

    /** BEL is not an escape sequence, but a pipe or a log has no use for it: only with a prompt. */
    @Override
    public synchronized void bell() {
        if (prompt) {
            out.print('\u0007');
            out.flush();
        }
    }

    @Override
    public void setPrompt(String prompt) {
        current = prompt;
    }

    private synchronized void printPrompt() {
        out.print(current);
        out.flush();
    }

    @Override
    public synchronized void close() {
        // an error printed next (a reconnect given up) must not look typed after the prompt
        if (prompt) out.println();
        out.flush();
    }
}
