package org.rmichat.it.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Java agent for the server jar in {@link BroadcasterDeathIT}: once the file named by its argument exists, it
 * kills the {@code rmichat-broadcaster} thread with {@link Thread#stop()}, which throws {@link ThreadDeath}, an
 * {@link Error}, in that thread, as an OutOfMemoryError would. Self-contained: the test packs this one class into
 * the agent jar.
 */
public final class BroadcasterKillerAgent {

    private BroadcasterKillerAgent() {
    }

    public static void premain(String trigger) {
        Thread killer = new Thread(() -> waitThenKill(Path.of(trigger)), "test-broadcaster-killer");
        killer.setDaemon(true);
        killer.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void waitThenKill(Path trigger) {
        // the agent cannot be told of the file: it looks every 20 ms, which is all a test waits for
        while (!Files.exists(trigger)) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("rmichat-broadcaster")) thread.stop();
        }
    }
}
