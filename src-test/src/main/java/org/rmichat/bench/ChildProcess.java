package org.rmichat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the bench starts (a server, Redis), with its output read to the end on a named daemon thread: a
 * full pipe would stall the child's logging. {@link #close} destroys it and waits, with a bound.
 */
final class ChildProcess implements AutoCloseable {
    private static final String EOF = "";   // put by the reader at end of stream; compared by identity

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildProcess(Process process, String readerName) {
        this.process = process;
        this.reader = new Thread(this::readLines, readerName);
        reader.setDaemon(true);   // a blocked read ignores interrupts; the stream's end (process exit) ends it
        reader.start();
    }

    static ChildProcess start(ProcessBuilder builder, String readerName) throws IOException {
        return new ChildProcess(builder.start(), readerName);
    }

    /**
     * The first line of output {@code ready} accepts, waiting up to {@code timeout}; otherwise an
     * {@link IOException} saying {@code notReady}, or {@code exited} (a format given the exit code).
     */
    String awaitLine(Predicate<String> ready, Duration timeout, String notReady, String exited)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) throw new IOException(notReady);
            if (line == EOF) throw new IOException(String.format(exited, process.waitFor()));
            if (ready.test(line)) return line;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Ends it at once, for a start that failed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        reader.join(2_000);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            // the process went away; EOF below says so
        } finally {
            lines.add(EOF);
        }
    }
}
