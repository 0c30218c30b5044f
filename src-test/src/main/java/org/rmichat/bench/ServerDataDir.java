package org.rmichat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A server jar started for a test or a benchmark keeps its history in a directory of its own, unless its arguments
 * say where (or that it keeps none, or that Redis holds it): servers started side by side must not share one, and
 * none must read what an earlier run left in the working directory.
 */
public final class ServerDataDir {
    private ServerDataDir() {
    }

    /** {@code --data-dir} and a fresh temporary directory, or nothing when {@code args} settle it already. */
    public static List<String> unlessGiven(List<String> args) throws IOException {
        boolean settled = args.stream().anyMatch(arg -> arg.startsWith("--data-dir") || arg.equals("--no-history")
                || arg.startsWith("--redis"));
        if (settled) return List.of();
        return List.of("--data-dir", Files.createTempDirectory("rmichat-data").toString());
    }
}
