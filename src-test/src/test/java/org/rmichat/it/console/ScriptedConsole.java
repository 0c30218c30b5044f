package org.rmichat.it.console;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rmichat.client.console.Console;

/**
 * A console a test types into and reads from: typed lines queue up for the client's input thread, printed
 * lines queue up for the test, which waits for them against a deadline.
 */
final class ScriptedConsole implements Console {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EOF = new String("EOF");   // compared by identity

    private final BlockingQueue<String> typed = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> printed = new LinkedBlockingQueue<>();

    void type(String line) {
        typed.add(line);
    }

    /** Waits for a line equal to {@code expected}; returns the lines printed before it. */
    List<String> awaitLine(String expected) throws InterruptedException {
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String line = printed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("never printed \"" + expected + "\"; printed " + before);
            if (line.equals(expected)) return before;
            before.add(line);
        }
    }

    /** The next line printed. */
    String nextLine() throws InterruptedException {
        String line = printed.poll(WAIT.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) throw new AssertionError("nothing printed");
        return line;
    }

    @Override
    public Optional<String> readLine() throws InterruptedIOException {
        try {
            String line = typed.take();
            if (line == EOF) {
                typed.add(EOF);
                return Optional.empty();
            }
            return Optional.of(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    @Override
    public void println(String line) {
        printed.add(line);
    }

    @Override
    public void close() {
        typed.add(EOF);
    }
}
