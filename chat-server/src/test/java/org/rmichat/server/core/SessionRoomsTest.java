package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRoomsTest {
    private final SessionRooms rooms = new SessionRooms();

    @Test
    void roomsAreListedInTheOrderTheyWereJoinedWithTheirNamesAsFirstGiven() {
        rooms.enter("lobby");
        for (String room : List.of("zulu", "Alpha", "mike", "bravo")) assertTrue(rooms.join(room));

        assertFalse(rooms.join("ALPHA"), "the same room under another case");
        assertEquals(List.of("lobby", "zulu", "Alpha", "mike", "bravo"), rooms.names());
        assertEquals("Alpha", rooms.nameOf("alpha"));
        assertEquals("elsewhere", rooms.nameOf("elsewhere"));
    }

    @Test
    void partingLeavesTheOthersInOrder() {
        rooms.enter("lobby");
        rooms.join("zulu");
        rooms.join("mike");

        assertTrue(rooms.part("ZULU"));

        assertFalse(rooms.part("zulu"), "parted already");
        assertFalse(rooms.isIn("zulu"));
        assertTrue(rooms.isIn("Mike"));
        assertEquals(List.of("lobby", "mike"), rooms.names());
        assertEquals(2, rooms.count());
    }

    @Test
    void postingAndReceivingDifferUntilTheJoinIsFannedOut() {
        rooms.join("mike");

        assertTrue(rooms.isIn("mike"));
        assertFalse(rooms.receives("mike"));
        rooms.receiveFrom("mike");
        assertTrue(rooms.receives("mike"));
        rooms.stopReceiving("mike");
        assertFalse(rooms.receives("mike"));
    }
}
