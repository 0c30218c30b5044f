package org.rmichat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rmichat.api.JavaSerialization.deserialize;
import static org.rmichat.api.JavaSerialization.serialize;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PollRequestWireTest {
    @Test
    void aPollRequestSurvivesTheRoundTrip() throws Exception {
        PollRequest request = new PollRequest(new SessionToken(-3, 77), 12, 500, 10_000);

        Object back = deserialize(serialize(request));

        PollRequest copy = assertInstanceOf(PollRequest.class, back);
        assertEquals(request, copy);
        assertEquals(new SessionToken(-3, 77), copy.token());
    }

    @Test
    void aPollRequestTravelsWithoutRecordDescriptors() throws Exception {
        String text = new String(serialize(new PollRequest(new SessionToken(1, 2), 0, 1, 0)),
                StandardCharsets.ISO_8859_1);

        assertFalse(text.contains("SessionToken"), "the token was written as a record");
        assertFalse(text.replace("PollRequestWire", "").contains("PollRequest"), "the request was written as a record");
    }

    @Test
    void aForgedRequestIsRejectedByTheRecordsOwnChecks() throws Exception {
        byte[] stream = serialize(new PollRequest(new SessionToken(1, 2), 5, 1, 0));
        // the fields follow the descriptor in name order: ack, maxBatch, tokenHigh, tokenLow, waitMillis;
        // setting ack's sign bit makes it negative
        int ackAt = stream.length - 8 - 8 - 8 - 4 - 8;
        stream[ackAt] = (byte) 0x80;

        assertThrows(InvalidObjectException.class, () -> deserialize(stream));
    }
}
