package org.rmichat.server;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import java.util.OptionalInt;

/**
 * Sizes this process's futex hash for the threads it will park. RMI gives every connection a thread, and every
 * park or wake-up of a thread is a futex call that walks one bucket of the process's hash. Since Linux 6.16 a
 * process gets a hash of its own, sized by CPUs, not threads: 16 buckets on a 2-core machine. With 10,000 waiting
 * threads in 16 buckets each wake-up walks some 600 waiters, 21 µs against 1.3 µs with enough buckets (measured
 * with a C probe on this project's 2-core VM), and the server spent 40 % of its CPU in {@code futex_wake} at
 * 10,000 clients (docs/performance.md). One {@code prctl(PR_FUTEX_HASH, PR_FUTEX_HASH_SET_SLOTS, n)} at start-up
 * sizes it. Older kernels, which share one hash sized by the machine, refuse the call, and are left as they are.
 */
public final class FutexHash {
    private static final int PR_FUTEX_HASH = 78;
    private static final int PR_FUTEX_HASH_SET_SLOTS = 1;
    private static final int PR_FUTEX_HASH_GET_SLOTS = 2;
    private static final int MIN_SLOTS = 1 << 10;
    private static final int MAX_SLOTS = 1 << 16;   // 4 MiB of kernel memory at most, at 64 bytes a bucket

    private FutexHash() {
    }

    /** What {@link #widen} did, in words for the log. */
    public record Outcome(boolean widened, String description) {
    }

    /** Gives the hash a bucket per thread expected, rounded up to a power of two between 1,024 and 65,536. */
    public static Outcome widen(int expectedThreads) {
        int slots = slotsFor(expectedThreads);
        OptionalInt before = slots();
        if (before.isEmpty()) {
            return new Outcome(false, "futex hash left to the kernel (none per process here: Linux 6.16 or later has one)");
        }
        if (before.getAsInt() >= slots) {
            return new Outcome(false, "futex hash: " + before.getAsInt() + " buckets, enough");
        }
        try {
            prctl(PR_FUTEX_HASH_SET_SLOTS, slots);
        } catch (LastErrorException e) {
            return new Outcome(false, "futex hash left at " + before.getAsInt() + " buckets: the kernel refused "
                    + slots + " (errno " + e.getErrorCode() + ")");
        }
        return new Outcome(true, "futex hash: " + slots + " buckets for up to " + expectedThreads
                + " threads (the kernel gave " + before.getAsInt() + ")");
    }

    /** The buckets of this process's own futex hash, or empty where there is none (not Linux, or before 6.16). */
    public static OptionalInt slots() {
        if (!Platform.isLinux()) return OptionalInt.empty();
        try {
            return OptionalInt.of(prctl(PR_FUTEX_HASH_GET_SLOTS, 0));
        } catch (LastErrorException | LinkageError e) {
            return OptionalInt.empty();   // EINVAL from an older kernel, or JNA's library could not be loaded
        }
    }

    static int slotsFor(int expectedThreads) {
        int wanted = Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, expectedThreads));
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    private static int prctl(int command, long argument) {
        Function prctl = Function.getFunction(Platform.C_LIBRARY_NAME, "prctl", Function.THROW_LAST_ERROR);
        return prctl.invokeInt(new Object[] {PR_FUTEX_HASH, (long) command, argument, 0L, 0L});
    }
}
