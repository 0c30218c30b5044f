package org.rmichat.client.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.NonBlockingReader;

/**
 * {@code --plain} on a terminal: no escape codes, no colours, no line editor, and yet an incoming line never
 * takes the half-typed one off the screen.
 *
 * <p>Why it reads key by key: in the terminal's own line mode the typed text sits in the kernel, out of the
 * program's sight, so a line printed meanwhile lands on top of it and nothing can show it again. Here the
 * terminal echoes nothing; this class keeps the typed text, echoes it itself, and after each incoming line
 * writes the prompt and the typed text again below it. It writes only text, carriage returns, backspaces and
 * spaces, which every terminal (and a screen reader) takes as they are. Backspace and Ctrl-U edit; Ctrl-D on an
 * empty line ends the input; Ctrl-C stays the terminal's interrupt. Other keys with escape sequences (arrows)
 * are ignored.
 *
 * <p>Protocol: one thread reads ({@link #readLine}); any thread prints. Both hold this object's lock while
 * they touch the typed text or the screen; the reader waits for keys outside it.
 */
public final class PlainTerminalConsole implements Console {
    private static final String PROMPT = "You: ";
    private static final char ESC = 27;
    private static final char CTRL_D = 4;
    private static final char CTRL_U = 21;
    private static final char BACKSPACE = 8;
    private static final char DELETE = 127;

    private final Terminal terminal;
    private final Attributes original;
    private final PrintWriter out;
    private final NonBlockingReader keys;
    private final StringBuilder typed = new StringBuilder();   // guarded by this
    private String prompt = PROMPT;                              // guarded by this
    private boolean reading;                                      // guarded by this
    private boolean closed;                                       // guarded by this

    /** Takes ownership of {@code terminal}: {@link #close} gives it back as it was and closes it. */
    public PlainTerminalConsole(Terminal terminal) {
        this.terminal = terminal;
        this.original = terminal.enterRawMode();
        this.out = terminal.writer();
        this.keys = terminal.reader();
    }

    /** The process's own terminal, of any type (a dumb one too: nothing here needs escape codes). */
    public static Optional<PlainTerminalConsole> system() {
        try {
            return Optional.of(new PlainTerminalConsole(SystemTerminal.builder().build()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> readLine() throws IOException {
        synchronized (this) {
            if (closed) return Optional.empty();
            typed.setLength(0);
            reading = true;
            write(prompt);
        }
        try {
            while (true) {
                int key = keys.read();
                if (key < 0) return Optional.empty();   // end of input, or closed
                Optional<Optional<String>> done = typedKey((char) key);
                if (done.isPresent()) return done.get();
            }
        } finally {
            synchronized (this) {
                reading = false;
            }
        }
    }

    /** One key: empty while the line goes on; the line, or empty for end of input, once it ends. */
    private synchronized Optional<Optional<String>> typedKey(char key) throws IOException {
        switch (key) {
            case '\r', '\n' -> {
                write("\n");
                return Optional.of(Optional.of(typed.toString()));
            }
            case CTRL_D -> {
                if (typed.length() == 0) {
                    write("\n");
                    return Optional.of(Optional.empty());
                }
            }
            case BACKSPACE, DELETE -> {
                if (typed.length() > 0) {
                    int last = typed.offsetByCodePoints(typed.length(), -1);
                    int width = columns(typed.substring(last));
                    typed.setLength(last);
                    write("\b".repeat(width) + " ".repeat(width) + "\b".repeat(width));
                }
            }
            case CTRL_U -> {
                String erased = prompt + typed;
                typed.setLength(0);
                write("\r" + " ".repeat(columns(erased)) + "\r" + prompt);
            }
            case ESC -> skipEscapeSequence();
            default -> {
                if (key >= ' ') {
                    typed.append(key);
                    write(String.valueOf(key));
                }
            }
        }
        return Optional.empty();
    }

    /** An arrow or function key: ESC, then {@code [} or {@code O}, then up to a final letter or {@code ~}. */
    private void skipEscapeSequence() throws IOException {
        int next = keys.read(50);
        if (next != '[' && next != 'O') return;
        int c;
        do {
            c = keys.read(50);
        } while (c >= 0 && !(Character.isLetter(c) || c == '~'));
    }

    /**
     * Writes {@code line} where the typed line was, blanks what is left of it, and writes the prompt and the
     * typed text again on the next line.
     */
    @Override
    public synchronized void println(String line) {
        if (closed) return;
        if (!reading) {
            write(line + "\n");
            return;
        }
        int covered = columns(prompt + typed);
        write("\r" + line + " ".repeat(Math.max(0, covered - columns(line))) + "\n" + prompt + typed);
    }

    @Override
    public synchronized void setPrompt(String newPrompt) {
        if (closed) return;
        if (reading && !newPrompt.equals(prompt)) {
            int covered = columns(prompt + typed);
            write("\r" + newPrompt + typed + " ".repeat(Math.max(0, covered - columns(newPrompt + typed)))
                    + "\r" + newPrompt + typed);
        }
        prompt = newPrompt;
    }

    /** BEL is not an escape sequence; a person at a terminal wants it when someone says their name. */
    @Override
    public synchronized void bell() {
        if (!closed) write("\u0007");
    }

    private static int columns(String text) {
        return new AttributedString(text).columnLength();
    }

    private void write(String text) {
        out.write(text);
        out.flush();
    }

    /** Gives the terminal back as it was found; an error printed next must not look typed after the prompt. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (reading) write("\n");
        terminal.setAttributes(original);
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal is going away with the process anyway
        }
    }
}
