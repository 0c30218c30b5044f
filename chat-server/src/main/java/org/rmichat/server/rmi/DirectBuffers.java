package org.rmichat.server.rmi;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers lent for one socket read or write at a time, shared by every connection of an endpoint.
 *
 * <p>Why: the JDK's socket streams copy through a direct buffer from a cache kept per thread, and that cache
 * costs each thread that ever touched a socket a 1,024-slot array, 4 KiB of heap. RMI runs a thread per
 * connection, so that was a fifth of what a waiting client cost the server. Lent from here, a buffer is held
 * only while a read or write is under way: a client waiting in a stream, whose thread neither reads nor
 * writes, holds none. The buffers themselves are native memory; at most {@link #MAX_KEPT} idle ones are kept.
 */
final class DirectBuffers {
    /** Room for one flush of RMI's 8 KiB write buffer in one system call. */
    static final int BUFFER_BYTES = 8192;
    static final int MAX_KEPT = 64;

    private final ConcurrentLinkedDeque<ByteBuffer> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** A cleared buffer of {@link #BUFFER_BYTES}: one kept, or a new one. */
    ByteBuffer take() {
        ByteBuffer buffer = idle.pollFirst();
        if (buffer == null) return ByteBuffer.allocateDirect(BUFFER_BYTES);
        idleCount.decrementAndGet();
        return buffer.clear();
    }

    /** Gives a buffer back; beyond {@link #MAX_KEPT} idle ones it is left to the garbage collector. */
    void give(ByteBuffer buffer) {
        if (idleCount.incrementAndGet() > MAX_KEPT) {
            idleCount.decrementAndGet();
            return;
        }
        idle.offerFirst(buffer);   // the most recently used first: still warm in the cache
    }

    /** Idle buffers kept now; for tests. */
    int idle() {
        return idleCount.get();
    }
}
