package org.rmichat.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rmichat.client.console.Console;

/** A console a test types into and reads from: each printed line is recorded in order. */
public final class RecordingConsole implements Console {
    private static final Optional<String> END = Optional.empty();

    private final BlockingQueue<Optional<String>> typed = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> printed = new LinkedBlockingQueue<>();
    private final List<String> history = new ArrayList<>();

    public void type(String line) {
        typed.add(Optional.of(line));
    }

    public void endInput() {
        typed.add(END);
    }

    @Override
    public Optional<String> readLine() {
        try {
            return typed.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    @Override
    public void println(String line) {
        printed.add(line);
    }

    /** Waits for a printed line equal to {@code expected}, returning the lines printed before it. */
    public List<String> awaitLine(String expected) throws InterruptedException {
        return awaitLine(expected, Duration.ofSeconds(10));
    }

    public List<String> awaitLine(String expected, Duration within) throws InterruptedException {
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String line = printed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("never printed \"" + expected + "\"; printed " + before);
            synchronized (history) {
                history.add(line);
            }
            if (line.equals(expected)) return before;
            before.add(line);
        }
    }

    /** Every line taken by {@link #awaitLine} so far. */
    public List<String> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public void close() {
    }
}
