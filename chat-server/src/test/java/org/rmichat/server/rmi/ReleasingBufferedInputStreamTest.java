package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ReleasingBufferedInputStreamTest {
    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = (byte) i;
        return data;
    }

    /** Hands out at most {@code chunk} bytes per read, as a socket does. */
    private static InputStream socketLike(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void theBufferIsDroppedOnceEverythingReadHasBeenConsumed() throws IOException {
        ReleasingBufferedInputStream in = new ReleasingBufferedInputStream(socketLike(bytes(10), 10), 16);

        assertEquals(0, in.read());
        assertTrue(in.holdsBuffer(), "nine bytes are still unread");
        assertEquals(9, in.read(new byte[20], 0, 20));

        assertFalse(in.holdsBuffer());
        assertEquals(-1, in.read());
    }

    @Test
    void bytesArriveInOrderAcrossManyFills() throws IOException {
        byte[] data = bytes(1000);
        ReleasingBufferedInputStream in = new ReleasingBufferedInputStream(socketLike(data, 7), 16);

        byte[] got = in.readAllBytes();

        assertArrayEquals(data, got);
    }

    @Test
    void resetReturnsToTheMarkAcrossFills() throws IOException {
        ReleasingBufferedInputStream in = new ReleasingBufferedInputStream(socketLike(bytes(100), 5), 4);
        in.read();

        in.mark(50);
        byte[] first = in.readNBytes(30);
        in.reset();

        assertArrayEquals(first, in.readNBytes(30));
        assertEquals(31, in.read());
    }

    @Test
    void readingPastTheMarksLimitGivesItUp() throws IOException {
        ReleasingBufferedInputStream in = new ReleasingBufferedInputStream(socketLike(bytes(100), 5), 4);

        in.mark(8);
        in.readNBytes(40);

        assertThrows(IOException.class, in::reset);
        assertEquals(60, in.readNBytes(60).length);
        assertFalse(in.holdsBuffer(), "a given-up mark must not pin the buffer");
    }
}
