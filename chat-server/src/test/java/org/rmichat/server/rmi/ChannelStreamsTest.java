package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.server.core.Ticker;

@Timeout(30)
class ChannelStreamsTest {
    private final DirectBuffers buffers = new DirectBuffers();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-reader"));

    @AfterEach
    void stop() throws Exception {
        reader.shutdownNow();
        assertTrue(reader.awaitTermination(10, TimeUnit.SECONDS), "the reader did not stop");
    }

    @Test
    void bytesLargerThanOneBufferArriveWholeAndInOrderBothWays() throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), listening.socket().getLocalPort());
                 SocketChannel channel = listening.accept()) {
                byte[] sent = new byte[3 * DirectBuffers.BUFFER_BYTES + 17];
                new Random(7).nextBytes(sent);
                Future<byte[]> received = reader.submit(() -> {
                    byte[] all = new byte[sent.length];
                    new DataInputStream(peer.getInputStream()).readFully(all);
                    return all;
                });

                new ChannelStreams(channel, buffers).output().write(sent);

                assertArrayEquals(sent, received.get(10, TimeUnit.SECONDS));
                peer.getOutputStream().write(sent);
                byte[] back = new byte[sent.length];
                new DataInputStream(new ChannelStreams(channel, buffers).input()).readFully(back);
                assertArrayEquals(sent, back);
                assertEquals(1, buffers.idle(), "every read and write gave its buffer back");
            }
        }
    }

    @Test
    void theEndOfTheStreamAndClosingAreThoseOfASocket() throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel channel;
            try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), listening.socket().getLocalPort())) {
                channel = listening.accept();
                peer.getOutputStream().write(42);
            }
            InputStream input = new ChannelStreams(channel, buffers).input();
            assertEquals(42, input.read());
            assertEquals(-1, input.read());

            input.close();

            assertFalse(channel.isOpen(), "closing the stream closes the connection, as a socket's does");
        }
    }

    /**
     * A plain connection accepted by the endpoint's factory is read and written through its lent direct buffers:
     * its RMI thread never touches the JDK's per-thread buffer cache (4 KiB of heap per thread).
     */
    @Test
    void anAcceptedPlainConnectionIsReadAndWrittenThroughTheFactorysBuffers() throws Exception {
        ConnectionGuard guard = new ConnectionGuard(ConnectionLimits.defaults(), 1 << 20, Ticker.system());
        BoundServerSocketFactory factory =
                new BoundServerSocketFactory(Optional.of(InetAddress.getLoopbackAddress()), Optional.empty(), guard);
        try (var listening = factory.createServerSocket(0);
             Socket peer = new Socket(InetAddress.getLoopbackAddress(), factory.boundPort());
             Socket accepted = listening.accept()) {
            peer.getOutputStream().write(new byte[] {1, 2, 3});
            byte[] read = new byte[3];
            new DataInputStream(accepted.getInputStream()).readFully(read);
            OutputStream out = accepted.getOutputStream();
            out.write(read);
            out.flush();
            byte[] echoed = new byte[3];
            new DataInputStream(peer.getInputStream()).readFully(echoed);

            assertArrayEquals(new byte[] {1, 2, 3}, echoed);
            assertEquals(1, factory.buffers().idle(), "the connection's reads and writes went past the lent buffers");
        } finally {
            factory.closeAll();
        }
    }
}
