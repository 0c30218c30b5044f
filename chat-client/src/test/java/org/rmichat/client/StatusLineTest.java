package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static StatusLine status(Optional<Duration> away, Map<String, Integer> unread, long lag, int waiting) {
        return new StatusLine(new StatusLine.Sources(() -> away, () -> "chat.example:1099", () -> "alice",
                () -> "#dev", () -> unread, () -> lag, () -> waiting), false);
    }

    @Test
    void connectedShowsServerNameRoomUnreadLagAndWaitingLines() {
        Map<String, Integer> unread = new LinkedHashMap<>();
        unread.put("#lobby", 3);
        unread.put("#ops", 1);

        assertEquals("connected · chat.example:1099 · alice · #dev #lobby 3 #ops 1 · lag 12 ms · 4 waiting",
                status(Optional.empty(), unread, 12, 4).render().toString());
    }

    @Test
    void awayCountsTheSecondsAndLeavesOutWhatIsNotKnownYet() {
        assertEquals("reconnecting for 12 s · chat.example:1099 · alice · #dev",
                status(Optional.of(Duration.ofMillis(12_400)), Map.of(), -1, 0).render().toString());
    }
}
