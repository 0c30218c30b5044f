package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/** {@code --bind 127.0.0.1} listens there only: the same port on the machine's other address is closed. */
@Timeout(30)
class BindAddressIT {

    @Test
    void aLoopbackServerCannotBeReachedOnAnotherAddress() throws Exception {
        Optional<InetAddress> other = nonLoopbackAddress();
        assumeTrue(other.isPresent(), "this machine has no non-loopback address to try");
        ChatServer server = SecurityFixtures.startServer(RoomConfig.defaults());
        try {
            try (Socket reachable = new Socket()) {
                reachable.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);   // it is listening
            }

            assertThrows(ConnectException.class, () -> {
                try (Socket elsewhere = new Socket()) {
                    elsewhere.connect(new InetSocketAddress(other.get(), server.port()), 5_000);
                }
            });

            SecurityFixtures.lookup(server).ping();   // and still serves
        } finally {
            server.stop();
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) return Optional.of(address);
            }
        }
        return Optional.empty();
    }
}
