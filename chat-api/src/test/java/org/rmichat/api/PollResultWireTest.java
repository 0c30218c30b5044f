package org.rmichat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rmichat.api.JavaSerialization.deserialize;
import static org.rmichat.api.JavaSerialization.serialize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollResultWireTest {
    @Test
    void everyKindOfEventSurvivesTheRoundTrip() throws Exception {
        PollResult batch = new PollResult(42, List.of(
                new UserJoined(7, "alice"),
                new MessagePosted(7, "alice", "héllo 👋 wörld"),
                new UserLeft(8, "bob", UserLeft.Reason.TOO_SLOW),
                new Notice(Notice.SHUTTING_DOWN),
                new NickChanged(7, "alice", "alicia"),
                new PrivateMessage(8, "bob", "alicia", "psst"),
                new ActionPosted(7, "alicia", "waves"),
                new PresenceDigest(List.of(new UserJoined(9, "carol"), new UserJoined(10, "dave")), 37,
                        List.of(new UserLeft(8, "bob", UserLeft.Reason.QUIT)), 0),
                new PresenceDigest(List.of(), 0, List.of(new UserLeft(11, "erin", UserLeft.Reason.TIMED_OUT)), 4)),
                "1700000000000-3#42");

        assertEquals(batch, roundTrip(batch));
    }

    @Test
    void anEmptyBatchKeepsItsNextSequenceNumber() throws Exception {
        assertEquals(PollResult.empty(9), roundTrip(PollResult.empty(9)));
    }

    @Test
    void aBatchTravelsAsBytesNotAsRecords() throws Exception {
        byte[] stream = serialize(new PollResult(1, List.of(new MessagePosted(1, "alice", "hi"))));

        String text = new String(stream, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("MessagePosted"), "event records were written as objects");
    }

    @Test
    void aForgedBatchIsRejectedByTheRecordsOwnChecks() {
        // firstSeq 0, no position, no events: PollResult refuses firstSeq < 1
        byte[] zeroFirstSeq = {PollResultWire.LAYOUT, 0, 0, 0};

        assertThrows(IllegalArgumentException.class, () -> PollResultWire.decode(zeroFirstSeq));
    }

    @Test
    void aTruncatedBatchIsRejected() {
        byte[] encoded = PollResultWire.encode(new PollResult(3, List.of(new Notice("x"))));
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - 1);

        assertThrows(IllegalArgumentException.class, () -> PollResultWire.decode(truncated));
    }

    @Test
    void aForgedDigestCannotNameMoreThanItsCap() {
        WireWriter forged = new WireWriter(512).byteValue(PollResultWire.LAYOUT).varint(1).byteValue(0).varint(1);
        forged.varint(EventCodec.Tag.PRESENCE.code).block(body -> {
            body.varint(PresenceDigest.MAX_NAMES + 1);
            for (int i = 0; i <= PresenceDigest.MAX_NAMES; i++) body.varint(i).string("u" + i);
            body.varint(0).varint(0).varint(0);
        });
        byte[] encoded = forged.toByteArray();

        var e = assertThrows(IllegalArgumentException.class, () -> PollResultWire.decode(encoded));
        assertEquals("name count " + (PresenceDigest.MAX_NAMES + 1), e.getMessage());
    }

    private static Object roundTrip(PollResult batch) throws Exception {
        return deserialize(serialize(batch));
    }
}
