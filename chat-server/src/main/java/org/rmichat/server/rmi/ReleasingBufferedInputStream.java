package org.rmichat.server.rmi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A buffered input stream that holds its buffer only while it has unread bytes.
 *
 * <p>Why: RMI gives every connection an 8 KiB {@code BufferedInputStream} unless the socket's own stream
 * supports {@code mark}, and a client waiting in a long poll holds its connection, and so that buffer, for as
 * long as it waits. A request is read long before the poll starts waiting, so a buffer dropped once it is
 * drained takes 8 KiB off every waiting client for one short-lived allocation per call.
 *
 * <p>{@code mark} is supported as the contract asks: a marked stream keeps (and grows) its buffer until the
 * mark is given up.
 */
final class ReleasingBufferedInputStream extends FilterInputStream {
    static final int DEFAULT_BUFFER_SIZE = 2048;

    private final int bufferSize;
    private byte[] buffer;       // null while nothing unread is held and no mark is set
    private int position;
    private int count;
    private int markPosition = -1;
    private int markLimit;
    private long buffersTaken;   // how often a buffer was allocated: zero if every read went past it

    ReleasingBufferedInputStream(InputStream in) {
        this(in, DEFAULT_BUFFER_SIZE);
    }

    ReleasingBufferedInputStream(InputStream in, int bufferSize) {
        super(in);
        if (bufferSize < 1) throw new IllegalArgumentException("bufferSize < 1: " + bufferSize);
        this.bufferSize = bufferSize;
    }

    @Override
    public synchronized int read() throws IOException {
        if (position >= count && fill() <= 0) return -1;
        int b = buffer[position++] & 0xff;
        releaseIfDrained();
        return b;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) return 0;
        if (position >= count) {
            // nothing held: a large read with no mark to honour goes straight to the socket
            if (length >= bufferSize && markPosition < 0) return in.read(bytes, offset, length);
            if (fill() <= 0) return -1;
        }
        int n = Math.min(length, count - position);
        System.arraycopy(buffer, position, bytes, offset, n);
        position += n;
        releaseIfDrained();
        return n;
    }

    @Override
    public synchronized long skip(long n) throws IOException {
        if (n <= 0) return 0;
        if (position >= count) {
            if (markPosition < 0) return in.skip(n);
            if (fill() <= 0) return 0;
        }
        int skipped = (int) Math.min(n, count - position);
        position += skipped;
        releaseIfDrained();
        return skipped;
    }

    @Override
    public synchronized int available() throws IOException {
        int held = count - position;
        int more = in.available();
        return held > Integer.MAX_VALUE - more ? Integer.MAX_VALUE : held + more;
    }

    /** Whether a buffer is held now: false whenever everything read from the socket has been consumed. */
    synchronized boolean holdsBuffer() {
        return buffer != null;
    }

    /**
     * How many times a buffer was allocated. Zero after reads means every read asked for at least a buffer's
     * worth and went straight to the socket: whoever reads this stream has a buffer of its own in front of it.
     */
    synchronized long buffersTaken() {
        return buffersTaken;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        markLimit = readLimit;
        markPosition = position;
    }

    @Override
    public synchronized void reset() throws IOException {
        if (markPosition < 0) throw new IOException("no mark, or the mark was given up after its read limit");
        position = markPosition;
    }

    /** Reads more from the socket into the buffer, keeping marked bytes; the count read, or -1 at the end. */
    private int fill() throws IOException {
        if (markPosition < 0) {
            if (buffer == null) {
                buffer = new byte[bufferSize];
                buffersTaken++;
            }
            position = 0;
            count = 0;
        } else if (position - markPosition >= markLimit) {
            markPosition = -1;   // read past its limit: the mark is given up
            return fill();
        } else {
            int kept = count - markPosition;
            byte[] target = buffer;
            if (target == null || kept + bufferSize > target.length) {
                target = new byte[Math.max(bufferSize, Math.min(kept + bufferSize, markLimit + bufferSize))];
                buffersTaken++;
            }
            if (buffer != null) System.arraycopy(buffer, markPosition, target, 0, kept);
            buffer = target;
            position -= markPosition;
            count = kept;
            markPosition = 0;
        }
        int n = in.read(buffer, count, buffer.length - count);
        if (n > 0) count += n;
        return n;
    }

    private void releaseIfDrained() {
        if (position >= count && markPosition < 0) {
            buffer = null;
            position = 0;
            count = 0;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        buffer = null;
        super.close();
    }
}
