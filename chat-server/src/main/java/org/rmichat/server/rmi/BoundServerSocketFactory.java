package org.rmichat.server.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.rmi.server.RMIServerSocketFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Listens on one address (or all), optionally speaking TLS, and remembers the port it got, so port 0 works.
 *
 * <p>RMI shares one listening socket between the registry and the service when both are exported with equal
 * factories, which is what keeps rmichat on a single port. Equality is identity: one endpoint exports both
 * with the same instance, and a second server in the same JVM (tests start many) gets its own socket instead
 * of inheriting the first one's closed endpoint.
 *
 * <p>With TLS this does what {@code javax.rmi.ssl.SslRMIServerSocketFactory} does, which cannot be used as is
 * because it always listens on all interfaces: each accepted connection is wrapped in server-mode TLS. The
 * handshake runs on the connection's first read, in RMI's per-connection thread, so a client that stalls it
 * never holds up the accept loop.
 *
 * <p>Every accepted connection goes through a {@link ConnectionGuard}: a cap per client address, and a
 * {@link GuardedSocket} that limits bytes per call and time to the first call and between calls, and keeps
 * the registry read-only. Connections read through a {@link ReleasingBufferedInputStream}, so a client waiting
 * in a long poll does not hold a read buffer on the server. It listens and accepts through channels, and a
 * plain connection is read and written through {@link ChannelStreams}, so RMI's thread for it keeps no cache of
 * its own of the JDK's temporary buffers (with TLS it does: TLS reads its socket's streams).
 *
 * <p>RMI never closes a socket it opened for port 0, even after everything on it is unexported, so the
 * factory remembers what it opened and {@link #closeAll} releases it.
 */
final class BoundServerSocketFactory implements RMIServerSocketFactory {
    private final Optional<InetAddress> bindAddress;
    private final Optional<SSLSocketFactory> tls;
    private final AtomicInteger boundPort = new AtomicInteger();
    private final List<ServerSocket> created = new CopyOnWriteArrayList<>();

    private final ConnectionGuard guard;
    private final DirectBuffers buffers = new DirectBuffers();

    BoundServerSocketFactory(Optional<InetAddress> bindAddress, Optional<SSLContext> tls, ConnectionGuard guard) {
        this.bindAddress = bindAddress;
        this.tls = tls.map(SSLContext::getSocketFactory);
        this.guard = guard;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        InetAddress address = bindAddress.orElse(null);
        ServerSocket socket = new GuardedServerSocket(port, address, tls, guard, buffers);
        boundPort.set(socket.getLocalPort());
        created.add(socket);
        return socket;
    }

    /**
     * Closes what this factory opened. Needed because RMI never closes a socket it opened for port 0, even
     * after everything on it is unexported, and a restarted server must be able to take the port again.
     */
    void closeAll() {
        for (ServerSocket socket : created) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed by RMI: nothing left to release
            }
        }
        created.clear();
        guard.close();
    }

    int boundPort() {
        return boundPort.get();
    }

    /** The buffers plain connections are read and written through; for tests. */
    DirectBuffers buffers() {
        return buffers;
    }

    /**
     * Accepts through the {@link ConnectionGuard}: a connection from an address with too many open is closed
     * here and the next one accepted, so RMI's accept loop never sees it (an exception would make it back off).
     */
    private static final class GuardedServerSocket extends ServerSocket {
        static final int SEND_BUFFER_BYTES = 256 << 10;

        private final ServerSocketChannel listening;
        private final int localPort;
        private final Optional<SSLSocketFactory> tls;
        private final ConnectionGuard guard;
        private final DirectBuffers buffers;

        /**
         * Unbound as a {@link ServerSocket}: everything RMI asks of it (accept, close, the port) is answered by a
         * listening channel, whose accepted connections are channels too, read and written through
         * {@link DirectBuffers}.
         */
        GuardedServerSocket(int port, InetAddress address, Optional<SSLSocketFactory> tls, ConnectionGuard guard,
                            DirectBuffers buffers) throws IOException {
            this.listening = ServerSocketChannel.open();
            try {
                listening.setOption(StandardSocketOptions.SO_REUSEADDR, true);   // a restarted server takes its port
                listening.bind(new InetSocketAddress(address, port), 256);
                this.localPort = ((InetSocketAddress) listening.getLocalAddress()).getPort();
            } catch (IOException | RuntimeException e) {
                listening.close();
                throw e;
            }
            this.tls = tls;
            this.guard = guard;
            this.buffers = buffers;
        }

        @Override
        public Socket accept() throws IOException {
            while (true) {
                SocketChannel channel = listening.accept();
                try {
                    // a fixed send buffer rather than one that starts at 16 KiB and grows: what one stream may
                    // leave unread (Mailbox.MAX_FRAMES, HANDED_MAX_BYTES) must fit, so that the broadcaster's
                    // writes into a waiting stream never block (Linux doubles it, up to net.core.wmem_max)
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
                    Optional<Socket> admitted = guard.admit(connection(channel));
                    if (admitted.isPresent()) return admitted.get();
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
        }

        private AcceptedConnection connection(SocketChannel channel) throws IOException {
            if (tls.isEmpty()) {
                ChannelStreams streams = new ChannelStreams(channel, buffers);
                return new AcceptedConnection(channel, channel.socket(), streams.input(), streams.output());
            }
            SSLSocket secure = wrapTls(channel.socket(), tls.get());
            return new AcceptedConnection(channel, secure, secure.getInputStream(), secure.getOutputStream());
        }

        @Override
        public void close() throws IOException {
            listening.close();   // a blocked accept fails, and RMI's accept loop sees isClosed() and ends
        }

        @Override
        public boolean isClosed() {
            return !listening.isOpen();
        }

        @Override
        public boolean isBound() {
            return true;
        }

        @Override
        public int getLocalPort() {
            return localPort;
        }

        @Override
        public InetAddress getInetAddress() {
            return listening.socket().getInetAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return listening.socket().getLocalSocketAddress();
        }

        @Override
        public String toString() {
            return "GuardedServerSocket[" + listening + "]";
        }

        private static SSLSocket wrapTls(Socket plain, SSLSocketFactory tls) throws IOException {
            // the address, not getHostName(): a reverse DNS lookup per connection would stall accepting
            SSLSocket socket = (SSLSocket) tls.createSocket(plain, plain.getInetAddress().getHostAddress(),
                    plain.getPort(), true);
            socket.setUseClientMode(false);
            return socket;
        }
    }
}
