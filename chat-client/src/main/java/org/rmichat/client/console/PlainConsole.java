package org.rmichat.client.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lines in, lines out, no prompt, no escape codes: for pipes and scripts. (A terminal gets
 * {@link PlainTerminalConsole} under {@code --plain}: with the terminal's own line mode, a prompt reprinted under
 * an incoming line would leave the half-typed text behind, out of sight.)
 */
public final class PlainConsole implements Console {
    private final BufferedReader in;
    private final PrintStream out;

    public PlainConsole(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return Optional.ofNullable(in.readLine());
    }

    @Override
    public synchronized void println(String line) {
        out.println(line);
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
