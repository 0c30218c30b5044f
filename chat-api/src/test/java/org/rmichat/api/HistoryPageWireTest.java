package org.rmichat.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPageWireTest {
    private static final HistoryPage PAGE = new HistoryPage(List.of(
            new HistoryLine("ab/5", 1_700_000_000_000L, new MessagePosted(7, "alice", "hi")),
            new HistoryLine("ab/6", 1_700_000_060_000L, new PrivateMessage(8, "bob", "alice", "psst"))), true);

    @Test
    void aPageSurvivesTheRoundTripAsBytesNotRecords() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(PAGE);
        }
        assertFalse(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1).contains("MessagePosted"));
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(PAGE, in.readObject());
        }
    }

    /** Layout 1, byte for byte: a change of format must be a new layout, not an accident. */
    @Test
    void theLayoutIsFixed() {
        String golden = "0101020461622f3580d095ffbc3103"   // layout, more, 2 lines, "ab/5", time, tag 3
                + "0a0705616c696365026869"                // MessagePosted(7, "alice", "hi")
                + "0461622f36"                           // "ab/6"
                + "e0a499ffbc31"                         // its time
                + "06100803626f6205616c6963650470737374"; // PrivateMessage(8, "bob", "alice", "psst")
        assertArrayEquals(HexFormat.of().parseHex(golden), HistoryPageWire.encode(PAGE));
    }

    @Test
    void aTruncatedPageIsRejected() {
        byte[] encoded = HistoryPageWire.encode(PAGE);

        assertThrows(IllegalArgumentException.class,
                () -> HistoryPageWire.decode(Arrays.copyOf(encoded, encoded.length - 1)));
    }

    @Test
    void aPageOfAnotherLayoutIsRejectedWithOneLine() {
        byte[] encoded = HistoryPageWire.encode(PAGE);
        encoded[0] = 9;

        assertEquals("a history page of layout 9; this client reads layout 1",
                assertThrows(IllegalArgumentException.class, () -> HistoryPageWire.decode(encoded)).getMessage());
    }
}
