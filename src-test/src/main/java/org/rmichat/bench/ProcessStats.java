package org.rmichat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What Linux says a process has used: CPU time from {@code /proc/PID/stat}, peak resident memory from
 * {@code /proc/PID/status}. Works for any process on this box, which is why the bench reads its own CPU the
 * same way it reads the server's.
 */
final class ProcessStats {
    /** USER_HZ: the unit of utime and stime. 100 on every Linux the JDK supports on x86 and arm. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessStats() {
    }

    /** User plus system CPU time of {@code pid} so far, or empty when the process is gone or not on Linux. */
    static OptionalLong cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces; the fields after it start behind its closing ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime: fields 14, 15
            return OptionalLong.of(ticks * 1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Peak resident set size (VmHWM) in KiB, or empty when unknown. */
    static OptionalLong peakRssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).trim().split("\\s+")[0]));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
