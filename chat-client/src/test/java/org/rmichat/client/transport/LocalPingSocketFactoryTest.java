package org.rmichat.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.rmi.Remote;
import java.rmi.server.RMIClientSocketFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.rmi.RemoteException;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Real RMI over loopback, the factory as the stub's client socket factory. */
class LocalPingSocketFactoryTest {
    public interface Echo extends Remote {
        int twice(int n) throws RemoteException;
    }

    private static final class Doubler implements Echo {
        @Override
        public int twice(int n) {
            return 2 * n;
        }
    }

    /**
     * Both halves of what the factory assumes of the JDK: RMI still pings a reused connection before a call
     * (without the factory the server answers those pings, so answering them here still saves round trips), and
     * the ping the factory answers is the JDK's ping (with it the server answers none, and every call works).
     */
    @Test
    void callsOnAReusedConnectionSucceedWithEveryPingAnsweredLocallyAndNoneReachingTheServer() throws Exception {
        PingAcksCounted withoutFactory = new PingAcksCounted();
        callsWithPauses((host, port) -> new Socket(host, port), withoutFactory);
        assertTrue(withoutFactory.acks.get() >= 1,
                "RMI no longer pings a reused connection: the factory saves nothing, remove it");

        LocalPingSocketFactory factory = new LocalPingSocketFactory();
        PingAcksCounted withFactory = new PingAcksCounted();
        callsWithPauses(factory, withFactory);

        assertTrue(factory.pingsAnswered() >= 19, "pings answered locally: " + factory.pingsAnswered());
        assertEquals(0, withFactory.acks.get(), "pings reached the server");
    }

    /** Twenty calls on one pooled connection, each after a pause that makes RMI ping it first. */
    private static void callsWithPauses(RMIClientSocketFactory clientSockets, RMIServerSocketFactory serverSockets)
            throws Exception {
        Doubler doubler = new Doubler();
        Echo echo = (Echo) UnicastRemoteObject.exportObject(doubler, 0, clientSockets, serverSockets);
        try {
            for (int i = 0; i < 20; i++) {
                // RMI pings a pooled connection only once it has been idle longer than its last round trip (5 ms
                // before the first ping): the pause makes every reuse a ping, which is the case under test
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(8));
                assertEquals(2 * i, echo.twice(i));
            }
        } finally {
            UnicastRemoteObject.unexportObject(doubler, true);
        }
    }

    /**
     * Loopback server sockets that count the ping acknowledgements the server sends: RMI answers a ping with
     * the one byte {@link PingAnsweringStreams#PING_ACK}, flushed on its own.
     */
    private static final class PingAcksCounted implements RMIServerSocketFactory {
        final AtomicInteger acks = new AtomicInteger();

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress()) {
                @Override
                public Socket accept() throws IOException {
                    Socket socket = new Socket() {
                        @Override
                        public OutputStream getOutputStream() throws IOException {
                            return new FilterOutputStream(super.getOutputStream()) {
                                @Override
                                public void write(byte[] bytes, int offset, int length) throws IOException {
                                    if (length == 1 && bytes[offset] == PingAnsweringStreams.PING_ACK) {
                                        acks.incrementAndGet();
                                    }
                                    out.write(bytes, offset, length);
                                }
                            };
                        }
                    };
                    implAccept(socket);
                    return socket;
                }
            };
        }
    }
}
