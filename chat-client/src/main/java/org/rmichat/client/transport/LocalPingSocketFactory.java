package org.rmichat.client.transport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * RMI client sockets that answer RMI's connection-liveness ping themselves instead of asking the server.
 *
 * <p>Why: before it reuses a pooled connection, RMI's TCP transport ({@code TCPConnection.isDead}) writes a
 * one-byte ping and waits for the server's reply, unless the connection was used within the last measured ping
 * round trip. It measures that round trip in whole milliseconds and doubles it, so on loopback or a LAN it records
 * 0 ms, and from the first idle moment on, every call on that connection costs two round trips instead of one.
 * A long poll is re-issued on the connection the previous poll just returned on, so that is every poll.
 *
 * <p>What it costs: a pooled connection that died while idle (the server restarted) is then found by the call
 * itself, which fails with a {@code RemoteException} instead of RMI silently opening a fresh connection. The
 * chat client treats any failed call as an outage and repairs its session, and every call it repeats is safe to
 * repeat (sends carry a sequence number, polls an acknowledgement), so nothing is lost or doubled.
 *
 * <p>Install once per JVM with {@link RMISocketFactory#setSocketFactory}; it serves servers exported without
 * their own client socket factory (not the TLS ones, whose stubs carry the SSL factory).
 */
public final class LocalPingSocketFactory extends RMISocketFactory {
    private final LongAdder pingsAnswered = new LongAdder();

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new LocalPingSocket(host, port, pingsAnswered::increment);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return getDefaultSocketFactory().createServerSocket(port);
    }

    /** How many pings were answered here rather than by a server, over all sockets this factory made. */
    public long pingsAnswered() {
        return pingsAnswered.sum();
    }

    /**
     * Makes this the JVM's RMI socket factory, unless it already is, and returns the one installed; fails if
     * another factory is set.
     */
    public static synchronized LocalPingSocketFactory install() throws IOException {
        if (RMISocketFactory.getSocketFactory() instanceof LocalPingSocketFactory installed) return installed;
        LocalPingSocketFactory factory = new LocalPingSocketFactory();
        RMISocketFactory.setSocketFactory(factory);
        return factory;
    }
}
