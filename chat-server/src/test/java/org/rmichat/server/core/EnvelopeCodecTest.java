package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rmichat.api.EventCodec;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.UnknownEvent;
import org.rmichat.api.WireWriter;

class EnvelopeCodecTest {

    @Test
    void bothAudiencesSurviveTheRoundTrip() {
        Envelope everyone = new Envelope(-42, new MessagePosted(1, "alice", "hi"));
        Envelope privately = Envelope.privately(7, Long.MIN_VALUE, new PrivateMessage(1, "alice", "bob", "psst"));

        assertEquals(Optional.of(everyone), EnvelopeCodec.decode(EnvelopeCodec.encode(everyone)));
        assertEquals(Optional.of(privately), EnvelopeCodec.decode(EnvelopeCodec.encode(privately)));
    }

    @Test
    void anEventOfAKindThisServerDoesNotKnowIsKeptWhole() {
        Envelope fromNewer = new Envelope(3, new UnknownEvent(40, new byte[] {9, 8, 7}));

        assertEquals(Optional.of(fromNewer), EnvelopeCodec.decode(EnvelopeCodec.encode(fromNewer)));
    }

    @Test
    void anAudienceThisServerDoesNotKnowIsForNobodyNotForEveryone() {
        WireWriter out = new WireWriter(64).byteValue(EnvelopeCodec.VERSION).fixed64(3);
        out.varint(9).block(body -> body.string("#dev"));   // a room, say, from a newer server
        EventCodec.write(new MessagePosted(1, "alice", "for #dev only"), out);

        assertTrue(EnvelopeCodec.decode(out.toByteArray()).isEmpty());
    }

    @Test
    void bytesThatAreNotAnEnvelopeAreRefusedNotGuessedAt() {
        assertThrows(IllegalArgumentException.class, () -> EnvelopeCodec.decode(new byte[] {(byte) 0xAC, (byte) 0xED}));
        byte[] whole = EnvelopeCodec.encode(new Envelope(3, new MessagePosted(1, "alice", "hi")));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 1);
        assertThrows(IllegalArgumentException.class, () -> EnvelopeCodec.decode(truncated));
    }
}
