package org.rmichat.client.transport;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection's two streams, wrapped so that RMI's liveness ping is answered here and never reaches the wire.
 *
 * <p>How a ping is told from call data: RMI's connection buffers what it writes and hands it on in chunks. The
 * ping is a single {@code Ping} byte that is the first thing written after the connection last received
 * something (a reply, or the handshake), followed at once by a flush. A call also starts a turn, but with the
 * {@code Call} byte, and a one-byte chunk later in a call is not the first write of its turn. A held byte is
 * written through unchanged if anything but a flush follows it.
 */
final class PingAnsweringStreams {
    // the JRMP transport's op and reply bytes (sun.rmi.transport.TransportConstants)
    static final int PING = 0x52;
    static final int PING_ACK = 0x53;

    private final InputStream input;
    private final OutputStream output;
    private final Runnable onPingAnswered;
    private final Object turnLock = new Object();
    private boolean firstWriteOfTurn;      // guarded by turnLock
    private boolean pingHeld;              // guarded by turnLock
    private boolean ackDue;                // guarded by turnLock

    PingAnsweringStreams(InputStream wireIn, OutputStream wireOut, Runnable onPingAnswered) {
        this.input = new AckingInput(wireIn);
        this.output = new PingCatchingOutput(wireOut);
        this.onPingAnswered = onPingAnswered;
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return output;
    }

    private final class PingCatchingOutput extends FilterOutputStream {
        PingCatchingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) return;
            boolean writeHeldPing;
            synchronized (turnLock) {
                boolean mayBePing = firstWriteOfTurn && length == 1 && (bytes[offset] & 0xff) == PING;
                firstWriteOfTurn = false;
                if (mayBePing) {
                    pingHeld = true;
                    return;
                }
                writeHeldPing = pingHeld;
                pingHeld = false;
            }
            if (writeHeldPing) out.write(PING);
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            synchronized (turnLock) {
                if (pingHeld) {
                    pingHeld = false;
                    ackDue = true;
                    onPingAnswered.run();
                    return;
                }
            }
            out.flush();
        }
    }

    private final class AckingInput extends FilterInputStream {
        AckingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) return 0;
            synchronized (turnLock) {
                if (ackDue) {
                    ackDue = false;
                    firstWriteOfTurn = true;
                    bytes[offset] = (byte) PING_ACK;
                    return 1;
                }
            }
            int n = in.read(bytes, offset, length);
            if (n > 0) {
                synchronized (turnLock) {
                    firstWriteOfTurn = true;
                }
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            synchronized (turnLock) {
                if (ackDue) return 1;
            }
            return in.available();
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
