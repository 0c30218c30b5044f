package org.rmichat.client.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PingAnsweringStreamsTest {
    private static final int CALL = 0x50;

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final AtomicInteger answered = new AtomicInteger();

    private PingAnsweringStreams streams(byte... fromServer) {
        return new PingAnsweringStreams(new ByteArrayInputStream(fromServer), wire, answered::incrementAndGet);
    }

    @Test
    void aPingAfterAReplyIsAnsweredWithoutTouchingTheWire() throws IOException {
        PingAnsweringStreams streams = streams((byte) 0x51, (byte) 0x51);
        streams.input().read(new byte[1], 0, 1);            // the end of a reply

        streams.output().write(new byte[] {PingAnsweringStreams.PING}, 0, 1);
        streams.output().flush();

        assertEquals(PingAnsweringStreams.PING_ACK, streams.input().read());
        assertEquals(0, wire.size());
        assertEquals(1, answered.get());
        streams.output().write(new byte[] {CALL, 1, 2}, 0, 3);   // the call that follows goes out as it is
        assertArrayEquals(new byte[] {CALL, 1, 2}, wire.toByteArray());
        assertEquals(0x51, streams.input().read());               // and its reply comes from the server
    }

    @Test
    void aLonePingByteInsideACallIsWrittenThrough() throws IOException {
        PingAnsweringStreams streams = streams((byte) 0x51);
        streams.input().read();

        streams.output().write(new byte[] {CALL, 7}, 0, 2);
        streams.output().write(new byte[] {PingAnsweringStreams.PING}, 0, 1);
        streams.output().flush();

        assertArrayEquals(new byte[] {CALL, 7, PingAnsweringStreams.PING}, wire.toByteArray());
        assertEquals(0, answered.get());
    }

    @Test
    void aPingByteFollowedByMoreDataIsWrittenThroughInOrder() throws IOException {
        PingAnsweringStreams streams = streams((byte) 0x51);
        streams.input().read();

        streams.output().write(new byte[] {PingAnsweringStreams.PING}, 0, 1);
        streams.output().write(new byte[] {9, 8}, 0, 2);
        streams.output().flush();

        assertArrayEquals(new byte[] {PingAnsweringStreams.PING, 9, 8}, wire.toByteArray());
        assertEquals(0, answered.get());
    }

    @Test
    void theFirstWriteOnANewConnectionIsNeverTakenForAPing() throws IOException {
        PingAnsweringStreams streams = streams();

        streams.output().write(PingAnsweringStreams.PING);
        streams.output().flush();

        assertArrayEquals(new byte[] {PingAnsweringStreams.PING}, wire.toByteArray());
        assertEquals(0, answered.get());
    }
}
