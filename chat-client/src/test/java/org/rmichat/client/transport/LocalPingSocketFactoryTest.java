package org.rmichat.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.rmi.Remote;
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

    @Test
    void callsOnAReusedConnectionSucceedWithEveryPingAnsweredLocally() throws Exception {
        LocalPingSocketFactory factory = new LocalPingSocketFactory();
        RMIServerSocketFactory loopback = port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Doubler doubler = new Doubler();
        Echo echo = (Echo) UnicastRemoteObject.exportObject(doubler, 0, factory, loopback);
        try {
            for (int i = 0; i < 20; i++) {
                // RMI pings a pooled connection only once it has been idle longer than its last round trip (5 ms
                // before the first ping): the pause makes every reuse a ping, which is the case under test
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(8));
                assertEquals(2 * i, echo.twice(i));
            }
            assertTrue(factory.pingsAnswered() >= 19, "pings answered locally: " + factory.pingsAnswered());
        } finally {
            UnicastRemoteObject.unexportObject(doubler, true);
        }
    }
}
