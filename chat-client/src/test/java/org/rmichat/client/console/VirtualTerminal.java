package org.rmichat.client.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.jline.utils.AttributedString;

/**
 * An xterm JLine drives over in-memory streams: tests type keys into it and wait until the screen output
 * shows some text. Same idea as JLine's own ReaderTestSupport, with waits instead of a synchronous reader.
 */
public final class VirtualTerminal implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(5);

    private final Keyboard keyboard = new Keyboard();
    private final Screen screen = new Screen();
    private final Terminal terminal;

    public VirtualTerminal() throws IOException {
        // ExternalTerminal, not TerminalBuilder: given streams, the builder would open a real pty through the
        // native provider; this stays in memory and runs the same line discipline (Ctrl-C raises INT)
        terminal = new ExternalTerminal("rmichat-test", "xterm-256color", keyboard, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(100, 24));
    }

    public Terminal terminal() {
        return terminal;
    }

    public void type(String keys) {
        keyboard.type(keys);
    }

    /** Everything written so far, escape codes and all. */
    public String raw() {
        return screen.raw();
    }

    /** Everything written so far without escape codes. */
    public String text() {
        return AttributedString.stripAnsi(raw());
    }

    /** Waits until the text written after {@code from} contains {@code expected}; returns where it starts. */
    public int awaitText(String expected, int from) throws InterruptedException {
        return screen.await(expected, from, WAIT);
    }

    @Override
    public void close() throws IOException {
        terminal.close();
        keyboard.close();
    }

    /** Keys typed by the test; a read blocks until there is one and returns what is there. */
    private static final class Keyboard extends InputStream {
        private static final int EOF = -1;
        private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

        void type(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) keys.add(b & 0xff);
        }

        @Override
        public int read() throws IOException {
            try {
                int key = keys.take();
                if (key == EOF) keys.add(EOF);
                return key;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("terminal closed");
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            int first = read();
            if (first == EOF) return EOF;
            b[off] = (byte) first;
            int n = 1;
            Integer next;
            while (n < len && (next = keys.peek()) != null && next != EOF) {
                b[off + n++] = (byte) (int) keys.poll();
            }
            return n;
        }

        @Override
        public void close() {
            keys.add(EOF);
        }
    }

    /** What the terminal wrote, with a wait for text to appear. */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String raw() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized int await(String expected, int from, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String text = AttributedString.stripAnsi(raw());
                int at = text.indexOf(expected, from);
                if (at >= 0) return at;
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("screen never showed \"" + expected + "\" after " + from + "; it shows:\n"
                            + text);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
