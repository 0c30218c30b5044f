package org.rmichat.client;

/**
 * How many typed lines the sender has carried out. The keyboard thread waits on it, briefly, after a line that
 * changes the room, so the next prompt it draws already names the new room.
 */
final class LinesHandled {
    private long handled;   // guarded by this

    synchronized long count() {
        return handled;
    }

    synchronized void one() {
        handled++;
        notifyAll();
    }

    /** Waits until {@code count} lines are carried out, or {@code millis} passed; never longer. */
    synchronized void await(long count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (handled < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
