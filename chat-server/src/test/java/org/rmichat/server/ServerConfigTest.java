package org.rmichat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.rmichat.server.core.RoomConfig;

/** What the start-up log says about exposure, and when it warns. */
class ServerConfigTest {
    private static final RoomConfig OPEN = RoomConfig.defaults();
    private static final RoomConfig WITH_PASSWORD = RoomConfig.defaults().withPassword(Optional.of("s3cret"));

    @Test
    void allInterfacesWithNeitherTlsNorPasswordIsWideOpen() throws Exception {
        assertTrue(new ServerConfig(Optional.empty(), 0, OPEN).isWideOpen());
        assertTrue(new ServerConfig(Optional.of(InetAddress.getByName("0.0.0.0")), 0, OPEN).isWideOpen());
        assertTrue(new ServerConfig(Optional.of(InetAddress.getByName("::")), 0, OPEN).isWideOpen());
    }

    @Test
    void aBindAddressTlsOrAPasswordEachEndTheWarning() throws Exception {
        assertFalse(ServerConfig.loopback(OPEN).isWideOpen());
        assertFalse(new ServerConfig(Optional.empty(), 0, WITH_PASSWORD).isWideOpen());
        assertFalse(new ServerConfig(Optional.empty(), 0, OPEN).withTls(SSLContext.getDefault()).isWideOpen());
    }

    @Test
    void theSummaryNamesTlsAndPasswordButNeverTheSecret() throws Exception {
        assertEquals("TLS off, password off", ServerConfig.loopback(OPEN).describeSecurity());
        String summary = ServerConfig.loopback(WITH_PASSWORD).withTls(SSLContext.getDefault()).describeSecurity();
        assertEquals("TLS on, password on", summary);
        assertFalse((summary + ServerConfig.loopback(WITH_PASSWORD)).contains("s3cret"));
    }
}
