package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The digest settings: their defaults, and the values a room refuses. */
class RoomConfigTest {

    @Test
    void roomsOfMoreThan200AnnouncePresenceOnceASecondByDefault() {
        assertEquals(200, RoomConfig.defaults().announceLimit());
        assertEquals(Duration.ofSeconds(1), RoomConfig.defaults().digestInterval());
    }

    @Test
    void aNegativeLimitOrAnIntervalOfNoTimeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> RoomConfig.defaults().withAnnounceLimit(-1));
        assertEquals("announce limit < 0: -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoomConfig.defaults().withDigestInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> RoomConfig.defaults().withDigestInterval(Duration.ofMillis(-5)));
    }
}
