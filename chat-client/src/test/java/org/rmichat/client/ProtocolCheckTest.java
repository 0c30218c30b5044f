package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rmichat.api.ChatException;
import org.rmichat.api.Protocol;
import org.rmichat.api.ServerLimits;
import org.rmichat.api.Session;
import org.rmichat.api.SessionToken;

class ProtocolCheckTest {
    private static final ServerLimits LIMITS = new ServerLimits(2000, 10, 20, 10_000);

    @Test
    void aServerFromBeforeVersionsIsNamedAndTheClientStops() {
        Session old = new Session(new SessionToken(1, 2), 0, "alice", LIMITS, Protocol.UNVERSIONED);

        var e = assertThrows(ChatException.class, () -> SessionLink.checkProtocol(old));

        assertEquals("the server speaks no protocol version (an rmichat from before versions) and this client speaks"
                + " protocol " + Protocol.VERSION + ": upgrade the server", e.getMessage());
    }

    @Test
    void aServerOfThisVersionIsAccepted() throws Exception {
        Session current = new Session(new SessionToken(1, 2), 0, "alice", LIMITS);

        assertSame(current, SessionLink.checkProtocol(current));
    }
}
