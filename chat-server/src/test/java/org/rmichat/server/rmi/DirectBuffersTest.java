package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectBuffersTest {
    private final DirectBuffers buffers = new DirectBuffers();

    @Test
    void aBufferGivenBackIsLentAgainCleared() {
        ByteBuffer first = buffers.take();
        assertTrue(first.isDirect());
        assertEquals(DirectBuffers.BUFFER_BYTES, first.capacity());
        first.put((byte) 1).flip();
        buffers.give(first);

        ByteBuffer again = buffers.take();

        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(again.capacity(), again.limit());
        assertEquals(0, buffers.idle());
    }

    @Test
    void onlyABoundedNumberOfIdleBuffersIsKept() {
        List<ByteBuffer> lent = new ArrayList<>();
        for (int i = 0; i < DirectBuffers.MAX_KEPT + 10; i++) lent.add(buffers.take());
        lent.forEach(buffers::give);

        assertEquals(DirectBuffers.MAX_KEPT, buffers.idle());
    }
}
