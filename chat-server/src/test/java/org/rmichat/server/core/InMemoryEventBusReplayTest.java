package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.UserJoined;

/** A replay reads the history log; what it may wait for there. */
@Timeout(10)
class InMemoryEventBusReplayTest {

    private static Envelope line(String text) {
        return new Envelope(1, new MessagePosted(1, "alice", text), Audience.room("#lobby", 1));
    }

    @Test
    void aReplayUpToAJoinsPlaceReadsTheLinesBeforeItWhileLaterLinesAreStillQueued() throws Exception {
        // the broadcaster fanned out up to a join (an eviction's leave, in the race CI met) while later lines were
        // already queued: the replay must end at the join, and must not wait for a place no line has
        var bus = new InMemoryEventBus(new MemoryHistoryLog(), () -> 1_000);
        bus.publish(line("shown"));
        bus.publish(line("missed"));
        bus.publish(Envelope.toEveryone(new UserJoined(2, "carol")));
        bus.publish(line("after the join"));
        String shown = bus.take().position();
        bus.take();
        String join = bus.take().position();

        Replay replay = bus.replay(shown, join);

        assertEquals(List.of("missed"), replay.deliveries().stream()
                .map(d -> ((MessagePosted) d.envelope().event()).text()).toList());
    }
}
