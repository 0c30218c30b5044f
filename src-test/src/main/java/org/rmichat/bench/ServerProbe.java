package org.rmichat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at the server processes from outside: CPU and peak RSS from {@code /proc}, live heap through
 * {@code jcmd}, each summed over every server of a cluster (one box: the cost of the whole chat is the sum).
 * Knows nothing when a server's pid is unknown (a remote server), and says so with empties.
 */
final class ServerProbe {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private final List<Long> pids;

    /** No pids: a remote server, nothing known. */
    ServerProbe(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    ServerProbe(OptionalLong pid) {
        this(pid.isPresent() ? List.of(pid.getAsLong()) : List.of());
    }

    OptionalLong cpuNanos() {
        return sum(ProcessStats::cpuNanos);
    }

    OptionalLong peakRssKib() {
        return sum(ProcessStats::peakRssKib);
    }

    /**
     * Runs a full GC in each server ({@code jcmd PID GC.run}) and returns the heap then in use, in KiB: live data,
     * not garbage that happens to be uncollected yet.
     */
    OptionalLong heapAfterGcKib() throws InterruptedException {
        if (pids.isEmpty()) return OptionalLong.empty();
        long total = 0;
        for (long pid : pids) {
            if (jcmd(pid, "GC.run").isEmpty()) return OptionalLong.empty();
            Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info").orElse(""));
            if (!m.find()) return OptionalLong.empty();
            total += Long.parseLong(m.group(1));
        }
        return OptionalLong.of(total);
    }

    /** The sum over every server, or empty when any one is unknown: a partial sum would read as a low cost. */
    private OptionalLong sum(LongFunction<OptionalLong> measure) {
        if (pids.isEmpty()) return OptionalLong.empty();
        long total = 0;
        for (long pid : pids) {
            OptionalLong value = measure.apply(pid);
            if (value.isEmpty()) return OptionalLong.empty();
            total += value.getAsLong();
        }
        return OptionalLong.of(total);
    }

    private Optional<String> jcmd(long pid, String command) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
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
