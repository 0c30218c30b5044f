package org.rmichat.client.console;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Reference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.Status;

/**
 * An interactive terminal: a JLine line editor with the prompt {@code You: }, history on the up arrow, and
 * incoming lines printed above the line being typed, which JLine then redraws as it was, cursor included.
 *
 * <p>Protocol: one thread (the client's input thread) owns {@link #readLine}; every other thread only calls
 * {@link #println}, which goes through {@link LineReader#printAbove}, the one call JLine makes safe to use
 * while another thread is reading. Ctrl-D ends the input, as {@code /quit} does; so does Ctrl-C on an empty
 * line, while Ctrl-C with text typed drops the text, as readline does.
 */
public final class JLineConsole implements Console {
    static final String PROMPT = "You: ";
    private volatile String prompt = PROMPT;

    private final Terminal terminal;
    private final LineReader reader;
    private volatile boolean closed;
    private volatile Function<String, Optional<AttributedString>> echo = line -> Optional.empty();
    private static final String STATUS_WIDGET = "rmichat-status";
    private volatile AttributedString status;
    /** What was typed when a bound key took a command instead; comes back with the next prompt. Input thread. */
    private String keptText = "";
    /** Whether the line readLine is returning came from a bound key, and is not to be shown. Input thread. */
    private boolean fromKey;

    /** Takes ownership of {@code terminal}: {@link #close} closes it. */
    public JLineConsole(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("rmichat")
                // a chat line is text, not a shell command: "!" must not expand history, nor "\" vanish
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_SIZE, 500)
                // the entered line is redrawn by readLine itself, as typed or as the echo function says
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)   // names are unique ignoring case
                .parser(new ChatLineParser())
                .build();
        // drawn under the reader's lock while it reads, so it never interleaves with a redraw of the line
        reader.getWidgets().put(STATUS_WIDGET, () -> {
            drawStatus();
            return true;
        });
    }

    /**
     * The process's own terminal, or empty when there is none JLine can drive (a dumb one included), in
     * which case the caller falls back to {@link PlainConsole}.
     */
    public static Optional<JLineConsole> system() {
        Terminal terminal;
        try {
            terminal = SystemTerminal.builder().build();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            try {
                terminal.close();
            } catch (IOException e) {
                // nothing was drawn on it yet; the plain console takes over
            }
            return Optional.empty();
        }
        return Optional.of(new JLineConsole(terminal));
    }

    @Override
    public Optional<String> readLine() {
        if (closed) return Optional.empty();
        try {
            String shownPrompt = prompt;
            String line;
            String kept = keptText;
            keptText = "";
            fromKey = false;
            try {
                line = reader.readLine(shownPrompt, null, (Character) null, kept);
            } catch (UserInterruptException e) {
                if (e.getPartialLine().isEmpty()) return Optional.empty();
                // as readline and irssi: Ctrl-C drops the text typed; a second one, on the empty line, leaves
                return readLine();
            }
            // a paste of several lines is one entry, shown by the caller line by line once it is confirmed
            if (!fromKey && !line.contains("\n")) echo(line);
            return Optional.of(line);
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.empty();   // Ctrl-C or Ctrl-D: leave, as /quit does
        } catch (IllegalStateException e) {
            if (closed) return Optional.empty();   // closed under us while waiting for a key
            throw e;
        }
    }

    @Override
    public void echo(String typed) {
        println(echo.apply(typed).orElseGet(() -> new AttributedString(prompt + typed)));
    }

    @Override
    public Optional<String> ask(String question) {
        if (closed) return Optional.empty();
        Object history = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String answer = reader.readLine(question);
            println(question + answer);
            return Optional.of(answer);
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.empty();
        } catch (IllegalStateException e) {
            if (closed) return Optional.empty();
            throw e;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, history == null ? false : history);
        }
    }

    @Override
    public void setPrompt(String newPrompt) {
        prompt = newPrompt;
        if (closed) return;
        try {
            // the prompt of the line being typed: only the implementation lets it change while reading
            if (reader instanceof LineReaderImpl impl) impl.setPrompt(newPrompt);
            if (reader.isReading()) {
                reader.callWidget(LineReader.REDRAW_LINE);
                reader.callWidget(LineReader.REDISPLAY);
            }
        } catch (IllegalStateException e) {
            // not reading after all: the next readLine shows it
        }
    }

    @Override
    public boolean hasStatusLine() {
        return true;
    }

    @Override
    public boolean setStatus(AttributedString line) {
        if (closed) return true;
        status = line;
        try {
            if (reader.isReading()) {
                reader.callWidget(STATUS_WIDGET);
                return true;
            }
        } catch (IllegalStateException notReading) {
            // it stopped reading meanwhile
        }
        // Between two reads the status is not drawn: another thread may be printing a line then (printAbove takes
        // the reader's lock, which a status drawn from here would not), and its bytes would land inside the
        // status's cursor moves, on the status row. The caller sets it again once a line is being read.
        return false;
    }

    private synchronized void drawStatus() {
        AttributedString line = status;
        if (closed || line == null) return;
        Status bottom = Status.getStatus(terminal);
        if (bottom != null) bottom.update(List.of(line));
    }

    @Override
    public void bindKey(String keys, Supplier<Optional<String>> command) {
        String widget = "rmichat-key-" + keys.codePoints().mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining("-"));
        reader.getWidgets().put(widget, () -> {
            Optional<String> line = command.get();
            if (line.isEmpty()) return false;   // JLine beeps
            keptText = reader.getBuffer().toString();
            fromKey = true;
            reader.getBuffer().clear();
            reader.getBuffer().write(line.get());
            reader.callWidget(LineReader.ACCEPT_LINE);
            return true;
        });
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(widget), keys);
    }

    @Override
    public boolean completes() {
        return true;
    }

    @Override
    public void setCompletion(Completion completion) {
        if (reader instanceof LineReaderImpl impl) {
            impl.setCompleter((r, line, candidates) -> {
                String before = line.line().substring(0, line.cursor() - line.wordCursor());
                for (String value : completion.candidates(before, line.word())) {
                    candidates.add(new Candidate(value, value, null, null, null, null, true));
                }
            });
        }
    }

    @Override
    public void setEcho(Function<String, Optional<AttributedString>> echo) {
        this.echo = echo;
    }

    @Override
    public void println(String line) {
        println(new AttributedString(line));
    }

    @Override
    public void println(AttributedString line) {
        if (closed) return;
        try {
            reader.printAbove(line);
        } catch (RuntimeException e) {
            if (!closed) throw e;   // the client closed the terminal while a late event was being shown
        }
    }

    /** Called between two reads, by the reading thread: the next prompt is drawn at the top. */
    @Override
    public void clear() {
        if (closed) return;
        terminal.puts(Capability.clear_screen);
        Status.getExistingStatus(terminal).ifPresent(bottom -> {
            bottom.reset();
            bottom.redraw();
        });
        terminal.flush();
    }

    /** Beeps the way the user's JLine bell-style says; between two reads there is no widget to call. */
    @Override
    public void bell() {
        if (closed) return;
        try {
            reader.callWidget(LineReader.BEEP);
        } catch (IllegalStateException notReading) {
            terminal.puts(Capability.bell);
            terminal.flush();
        }
    }

    /** JLine takes the terminal's interrupt (Ctrl-C) and hands it to {@link #readLine} as a key. */
    @Override
    public boolean readsInterrupts() {
        return true;
    }

    @Override
    public boolean supportsStyles() {
        return true;
    }

    /** Restores the terminal (echo, line mode) the way it was found. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (reader.isReading()) {
            // an error printed next (a reconnect given up) must not look typed after the prompt: erase it
            terminal.puts(Capability.carriage_return);
            terminal.puts(Capability.clr_eol);
            terminal.flush();
        }
        // the status line's scroll region must not outlive the client in the user's terminal
        Status.getExistingStatus(terminal).ifPresent(bottom -> {
            bottom.hide();
            bottom.close();
        });
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal is going away with the process anyway
        }
    }
}
