package org.rmichat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at the server process from outside: CPU and peak RSS from {@code /proc}, live heap through
 * {@code jcmd}. Knows nothing when the server's pid is unknown (a remote server), and says so with empties.
 */
final class ServerProbe {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private final OptionalLong pid;

    ServerProbe(OptionalLong pid) {
        this.pid = pid;
    }

    OptionalLong cpuNanos() {
        return pid.isPresent() ? ProcessStats.cpuNanos(pid.getAsLong()) : OptionalLong.empty();
    }

    OptionalLong peakRssKib() {
        return pid.isPresent() ? ProcessStats.peakRssKib(pid.getAsLong()) : OptionalLong.empty();
    }

    /**
     * Runs a full GC in the server ({@code jcmd PID GC.run}) and returns the heap then in use, in KiB: live data,
     * not garbage that happens to be uncollected yet.
     */
    OptionalLong heapAfterGcKib() throws InterruptedException {
        if (pid.isEmpty() || jcmd("GC.run").isEmpty()) return OptionalLong.empty();
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info").orElse(""));
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private Optional<String> jcmd(String command) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid.getAsLong()), command)
                    .redirectErrorStream(true).start();
            // a few lines: reading them all before waiting cannot fill the pipe and stall jcmd
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
