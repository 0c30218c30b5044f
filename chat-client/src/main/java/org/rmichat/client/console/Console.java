package org.rmichat.client.console;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the user types and reads. One thread reads lines; any thread may print, and printing never tears
 * the line being typed apart.
 */
public interface Console extends AutoCloseable {

    /** The next line typed, or empty at end of input (Ctrl-D, end of a pipe). */
    Optional<String> readLine() throws IOException;

    /** Shows one line of output. */
    void println(String line);

    @Override
    void close();
}
