package org.rmichat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A digest is bounded and never empty, on the wire as in memory. */
class PresenceDigestTest {
    private static final UserJoined ALICE = new UserJoined(1, "alice");
    private static final UserLeft BOB = new UserLeft(2, "bob", UserLeft.Reason.QUIT);

    @Test
    void countsAddTheNamedToTheMore() {
        var digest = new PresenceDigest(List.of(ALICE), 41, List.of(BOB), 0);

        assertEquals(42, digest.joinedCount());
        assertEquals(1, digest.leftCount());
    }

    @Test
    void moreNamesThanTheCapAreRefused() {
        List<UserJoined> tooMany = new ArrayList<>();
        for (int i = 0; i <= PresenceDigest.MAX_NAMES; i++) tooMany.add(new UserJoined(i, "u" + i));

        assertThrows(IllegalArgumentException.class, () -> new PresenceDigest(tooMany, 0, List.of(), 0));
    }

    @Test
    void anEmptyDigestOrACountWithoutNamesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PresenceDigest(List.of(), 0, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new PresenceDigest(List.of(), 3, List.of(BOB), 0));
        assertThrows(IllegalArgumentException.class, () -> new PresenceDigest(List.of(ALICE), -1, List.of(), 0));
    }

    @Test
    void theListsAreCopies() {
        List<UserJoined> joined = new ArrayList<>(List.of(ALICE));
        var digest = new PresenceDigest(joined, 0, List.of(), 0);
        joined.add(new UserJoined(3, "carol"));

        assertEquals(List.of(ALICE), digest.joined());
    }
}
