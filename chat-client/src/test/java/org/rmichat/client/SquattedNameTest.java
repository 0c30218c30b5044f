package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SquattedNameTest {

    @Test
    void theAlternativeIsVisiblyTheNameWithANumber() {
        assertEquals("alice_2", SquattedName.alternative("alice", 2));
        assertEquals("alice_13", SquattedName.alternative("alice", 13));
    }

    @Test
    void aLongNameGivesUpItsEndToStayWithinTheServersLimit() {
        String longest = "abcdefghijklmnopqrstuvwx";   // 24, the server's limit
        assertEquals("abcdefghijklmnopqrstuv_2", SquattedName.alternative(longest, 2));
        assertEquals(SquattedName.MAX_NAME, SquattedName.alternative(longest, 21).length());
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        String name = "a".repeat(21) + "\uD83D\uDE00";   // 23 chars, an emoji at the cut
        assertEquals("a".repeat(21) + "_2", SquattedName.alternative(name + "b", 2));
    }
}
