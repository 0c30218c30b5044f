package org.rmichat.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rmichat.client.console.Console;

/** Records what the client shows; reads nothing. */
final class RecordingConsole implements Console {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public Optional<String> readLine() {
        return Optional.empty();
    }

    @Override
    public void println(String line) {
        lines.add(line);
    }

    @Override
    public void close() {
    }
}
