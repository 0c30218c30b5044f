package org.rmichat.server.rmi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A blocking {@link SocketChannel} as the two streams RMI reads and writes, copying through buffers lent by
 * {@link DirectBuffers} rather than through the JDK's per-thread cache (see there why).
 *
 * <p>Neither stream has a timeout: a blocking channel ignores {@code SO_TIMEOUT}, so {@link GuardedSocket}
 * bounds reads by closing the channel from its {@link ConnectionGuard}'s watchdog, as it bounds writes.
 * Closing either stream closes the channel, as a socket's streams do. Unlike a socket, a channel is also
 * closed by an interrupt of the thread inside a read or write: nothing interrupts RMI's connection threads,
 * and the broadcaster and its fan-out helpers, which write streams, are interrupted only when the server stops.
 */
final class ChannelStreams {
    private final SocketChannel channel;
    private final DirectBuffers buffers;

    ChannelStreams(SocketChannel channel, DirectBuffers buffers) {
        this.channel = channel;
        this.buffers = buffers;
    }

    InputStream input() {
        return new Input();
    }

    OutputStream output() {
        return new Output();
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) return 0;
            ByteBuffer buffer = buffers.take();
            try {
                buffer.limit(Math.min(length, buffer.capacity()));
                int n = channel.read(buffer);
                if (n > 0) buffer.flip().get(bytes, offset, n);
                return n;
            } finally {
                buffers.give(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            ByteBuffer buffer = buffers.take();
            try {
                for (int done = 0; done < length; ) {
                    int chunk = Math.min(length - done, buffer.capacity());
                    buffer.clear().put(bytes, offset + done, chunk).flip();
                    while (buffer.hasRemaining()) channel.write(buffer);
                    done += chunk;
                }
            } finally {
                buffers.give(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
