package org.rmichat.server.rmi;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rmichat.server.core.Ticker;

/**
 * An accepted connection as RMI sees it, with the limits RMI itself does not have: bytes per call, time to the
 * first call, idle time.
 *
 * <p>Protocol: RMI reads a call whole, runs it, and only then writes anything back, so on one connection the
 * bytes read between two writes are one call (or a ping, or an acknowledgement). The count restarts at every
 * write; past {@code maxCallBytes} every further read fails, which makes RMI answer the call with an
 * unmarshalling error and close the connection, having read no more than the limit of it.
 *
 * <p>Until the server has written twice (the handshake's answer, then the first call's), every read waits
 * only for what is left of {@code firstCallTimeout} since the connection was accepted; after that, each read
 * waits at most {@code idleTimeout}. RMI's own read timeout (two hours) is ignored. A read that times out
 * ends the connection; a call being run reads nothing, so a long poll is never cut short. The connection is
 * a blocking channel, which has no read timeout of its own: each read posts its deadline, and the
 * {@link ConnectionGuard}'s watchdog closes the channel under a read past it.
 *
 * <p>What RMI reads passes a {@link ReadOnlyRegistryInput}, which refuses calls that would change the registry.
 *
 * <p>Every method RMI's TCP transport calls on an accepted socket is delegated; the rest are those of a socket
 * with no implementation (a few hundred bytes less per client), which RMI never asks.
 */
final class GuardedSocket extends Socket {
    /** What the socket reports back to the endpoint. */
    interface Listener {
        void callTooLarge(GuardedSocket socket, long bytes);

        void timedOut(GuardedSocket socket, boolean beforeFirstCall);

        void closed(GuardedSocket socket);
    }

    private final Socket socket;
    private final SocketChannel channel;
    private final InputStream rawInput;
    private final OutputStream rawOutput;
    private final InetAddress address;
    private final long maxCallBytes;
    private final long idleNanos;
    private final long firstCallDeadline;
    private final Ticker ticker;
    private final Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ReadOnlyRegistryInput input;   // created once, guarded by this
    private ReleasingBufferedInputStream buffered;   // the buffer under it, guarded by this
    private OutputStream output;   // created once, guarded by this
    private volatile int writes;   // writes so far, counted up to 2
    private volatile long callBytes;
    /** When the write under way began, or {@link #NOT_WRITING}: what the write watchdog looks at. */
    private volatile long writingSince = NOT_WRITING;
    private static final long NOT_WRITING = Long.MIN_VALUE;
    private volatile boolean tooLarge;
    /** When the read under way must have returned, or {@link #NOT_READING}: what the watchdog looks at. */
    private volatile long readDeadline = NOT_READING;
    private static final long NOT_READING = Long.MIN_VALUE;
    private final AtomicBoolean timedOut = new AtomicBoolean();

    GuardedSocket(AcceptedConnection connection, long maxCallBytes, ConnectionLimits limits, Ticker ticker,
                  Listener listener) throws SocketException {
        super((SocketImpl) null);   // every method RMI calls is the accepted socket's: an impl of its own is waste
        this.socket = connection.socket();
        this.channel = connection.channel();
        this.rawInput = connection.input();
        this.rawOutput = connection.output();
        this.address = Objects.requireNonNull(socket.getInetAddress(), "an accepted socket has an address");
        this.maxCallBytes = maxCallBytes;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.ticker = ticker;
        this.firstCallDeadline = ticker.nanos() + limits.firstCallTimeout().toNanos();
        this.listener = listener;
    }

    /** Whether one write has been blocked for longer than {@code boundNanos}: the client is not reading. */
    boolean writeStalled(long now, long boundNanos) {
        long since = writingSince;
        return since != NOT_WRITING && now - since > boundNanos;
    }

    /**
     * Whether a read has waited past its deadline: the first call's (since the connection was accepted), or the
     * idle timeout's (since the read began).
     */
    boolean readOverdue(long now) {
        long deadline = readDeadline;
        return deadline != NOT_READING && now - deadline > 0;
    }

    /**
     * Ends an overdue read: tells the listener and closes the channel under everything (TLS included, which
     * then has nothing to say), so the blocked read fails at once and RMI closes the connection.
     */
    void timeOut() {
        if (!timedOutFirst(writes < 2)) return;
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that was wanted; the read fails either way
        }
    }

    InetAddress address() {
        return address;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        // counted below the buffer, so the count is what came off the socket; inspected above it, so the registry
        // guard sees exactly what RMI reads, and its mark support keeps RMI from adding a buffer of its own
        if (input == null) {
            InputStream counted = new LimitedInput(rawInput);
            buffered = new ReleasingBufferedInputStream(counted);
            input = new ReadOnlyRegistryInput(buffered);
        }
        return input;
    }

    /** The read buffer RMI reads through, or null before RMI asked for the input; for tests. */
    synchronized ReleasingBufferedInputStream readBuffer() {
        return buffered;
    }

    private synchronized ReadOnlyRegistryInput readInput() {
        return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (output == null) output = new CountedOutput(rawOutput);
        return output;
    }

    /** Before each read: the deadline for this phase, or a timeout now if the first call is overdue. */
    private void armTimeout() throws IOException {
        if (tooLarge) throw tooLarge();
        long now = ticker.nanos();
        if (writes >= 2) {
            readDeadline = now + idleNanos;
            return;
        }
        if (firstCallDeadline - now <= 0) {
            timedOutFirst(true);
            throw timeoutException(true);
        }
        readDeadline = firstCallDeadline;
    }

    private void counted(int n) throws IOException {
        if (n <= 0) return;
        long total = callBytes += n;   // only RMI's one connection thread reads
        if (total > maxCallBytes) {
            tooLarge = true;
            listener.callTooLarge(this, total);
            throw tooLarge();
        }
    }

    private IOException tooLarge() {
        return new IOException("call larger than " + maxCallBytes + " bytes; connection closed");
    }

    /** Marks the connection timed out; true for the one caller that did, which alone tells the listener. */
    private boolean timedOutFirst(boolean beforeFirstCall) {
        if (!timedOut.compareAndSet(false, true)) return false;
        listener.timedOut(this, beforeFirstCall);
        return true;
    }

    private SocketTimeoutException timeoutException(boolean beforeFirstCall) {
        return new SocketTimeoutException(beforeFirstCall ? "no call within the first call timeout"
                : "idle for " + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms");
    }

    private final class LimitedInput extends FilterInputStream {
        LimitedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            armTimeout();
            int b = timed(() -> in.read());
            if (b >= 0) counted(1);
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            armTimeout();
            // never pull more than the call may still have, so the limit is exact
            long room = maxCallBytes - callBytes + 1;
            int n = timed(() -> in.read(bytes, offset, (int) Math.min(length, Math.max(1, room))));
            counted(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, 2048)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        private int timed(IoRead read) throws IOException {
            boolean first = writes < 2;
            try {
                return read.read();
            } catch (IOException e) {
                if (timedOut.get()) throw timeoutException(first);   // the watchdog closed it
                throw e;
            } finally {
                readDeadline = NOT_READING;
            }
        }
    }

    @FunctionalInterface
    private interface IoRead {
        int read() throws IOException;
    }

    private final class CountedOutput extends FilterOutputStream {
        CountedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            writingSince = ticker.nanos();
            try {
                out.write(b);
            } finally {
                writingSince = NOT_WRITING;
            }
            replied();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writingSince = ticker.nanos();
            try {
                out.write(bytes, offset, length);
            } finally {
                writingSince = NOT_WRITING;
            }
            replied();
        }

        private void replied() {
            callBytes = 0;   // the next bytes read are the next call's
            if (writes < 2) writes++;
            ReadOnlyRegistryInput registryGuard = readInput();
            if (registryGuard != null) registryGuard.serverWrote();
        }
    }

    @Override
    public void close() throws IOException {
        // the slot is free before the peer can see the close, so a client that saw it may connect again at once
        if (closed.compareAndSet(false, true)) listener.closed(this);
        socket.close();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    /** Ignored: this socket's own timeouts apply (RMI asks for two hours). */
    @Override
    public void setSoTimeout(int timeout) {
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public String toString() {
        return "GuardedSocket[" + socket + "]";
    }
}
