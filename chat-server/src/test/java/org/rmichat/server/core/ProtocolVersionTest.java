package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rmichat.api.ChatException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.Protocol;

class ProtocolVersionTest {

    @Test
    void aClientFromBeforeVersionsIsRefusedWithOneLineNamingBothVersions() throws Exception {
        try (var h = new RoomHarness(RoomConfig.defaults())) {
            var e = assertThrows(ChatException.class,
                    () -> h.room.join(new JoinRequest("old", null, 5, null, Protocol.UNVERSIONED)));

            // the base class: a client of before versions knows no subclass this build might add
            assertEquals(ChatException.class, e.getClass());
            assertEquals("this server speaks protocol " + Protocol.VERSION + " and your client speaks no protocol version (an rmichat from"
                    + " before versions): upgrade rmichat", e.getMessage());
            assertEquals(0, h.room.online());
        }
    }

    @Test
    void aClientOfThisVersionIsToldTheServersVersion() throws Exception {
        try (var h = new RoomHarness(RoomConfig.defaults())) {
            assertEquals(Protocol.VERSION, h.room.join(new JoinRequest("new", null, 5, null)).protocol());
        }
    }
}
