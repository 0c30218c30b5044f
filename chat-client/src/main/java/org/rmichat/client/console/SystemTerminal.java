package org.rmichat.client.console;

import java.nio.charset.StandardCharsets;
import org.jline.terminal.TerminalBuilder;

/** How both consoles open the process's own terminal. */
final class SystemTerminal {
    private SystemTerminal() {
    }

    static TerminalBuilder builder() {
        return TerminalBuilder.builder()
                .system(true)
                .dumb(false)   // the callers have better fallbacks than JLine's dumb terminal
                .encoding(StandardCharsets.UTF_8)
                // left to itself, JLine probes the terminal for grapheme clusters at start, and the probe reads
                // away whatever was typed meanwhile: a line typed as the client starts was echoed and never sent
                .graphemeCluster(false);
    }
}
