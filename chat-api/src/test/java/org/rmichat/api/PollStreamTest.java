package org.rmichat.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmichat.api.JavaSerialization.deserialize;
import static org.rmichat.api.JavaSerialization.serialize;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollStreamTest {
    private static final PollResult FIRST = new PollResult(1, List.of(new MessagePosted(7, "alice", "hi")), "h/1");
    private static final PollResult SECOND = new PollResult(2, List.of(new UserJoined(8, "bob"),
            new MessagePosted(8, "bob", "yo")), "h/3");

    /** Frames from a list; counts how often it was told the stream finished. */
    private static final class ListedSource implements PollStream.Source {
        final Deque<PollStream.Frame> frames;
        final AtomicInteger finished = new AtomicInteger();

        ListedSource(PollStream.Frame... frames) {
            this.frames = new ArrayDeque<>(List.of(frames));
        }

        @Override
        public PollStream.Frame next() {
            return frames.isEmpty() ? PollStream.Frame.end(null) : frames.removeFirst();
        }

        @Override
        public void finished() {
            finished.incrementAndGet();
        }
    }

    @Test
    void theReceiverOfTheReadingThreadGetsEachBatchInOrderAndKeepAlivesAreCounted() throws Exception {
        ListedSource source = new ListedSource(PollStream.Frame.batch(FIRST), PollStream.Frame.keepAlive(),
                PollStream.Frame.batch(SECOND), PollStream.Frame.end(null));
        byte[] bytes = serialize(new PollStream(source));
        List<PollResult> received = new ArrayList<>();
        AtomicInteger keepAlives = new AtomicInteger();

        PollStream read;
        try (PollStream.Reception reception = PollStream.receiveOn(new PollStream.Receiver() {
            @Override
            public void batch(PollResult batch) {
                received.add(batch);
            }

            @Override
            public void keepAlive() {
                keepAlives.incrementAndGet();
            }
        })) {
            read = (PollStream) deserialize(bytes);
        }

        assertEquals(List.of(FIRST, SECOND), received);
        assertEquals(1, keepAlives.get());
        assertEquals(2, read.batches());
        assertTrue(read.closedReason().isEmpty());
        assertEquals(List.of(), read.unclaimedBatches());
        assertEquals(1, source.finished.get());
    }

    @Test
    void eachFrameIsFlushedAsItIsWritten() throws Exception {
        List<Integer> sizesAtFlush = new ArrayList<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }

            @Override
            public void flush() {
                sizesAtFlush.add(sink.size());
            }
        };
        try (ObjectOutputStream out = new ObjectOutputStream(counting)) {
            out.writeObject(new PollStream(new ListedSource(PollStream.Frame.batch(FIRST),
                    PollStream.Frame.batch(SECOND))));
        }

        // one flush per frame (two batches and the end), each after more bytes than the one before
        List<Integer> whileWriting = sizesAtFlush.subList(0, 3);
        assertTrue(whileWriting.get(0) < whileWriting.get(1) && whileWriting.get(1) < whileWriting.get(2),
                String.valueOf(sizesAtFlush));
    }

    @Test
    void withoutAReceiverTheBatchesAreKeptInTheReply() throws Exception {
        PollStream read = (PollStream) deserialize(serialize(new PollStream(new ListedSource(
                PollStream.Frame.batch(FIRST), PollStream.Frame.batch(SECOND)))));

        assertEquals(List.of(FIRST, SECOND), read.unclaimedBatches());
    }

    @Test
    void aStreamEndingWithAClosedSessionCarriesTheReason() throws Exception {
        PollStream read = (PollStream) deserialize(serialize(new PollStream(new ListedSource(
                PollStream.Frame.batch(FIRST), PollStream.Frame.end("disconnected by server: too far behind")))));

        assertEquals("disconnected by server: too far behind", read.closedReason().orElseThrow());
        assertEquals(List.of(FIRST), read.unclaimedBatches());
    }

    @Test
    void aStreamEndsOnceItWroteItsByteBound() throws Exception {
        PollResult big = new PollResult(1, List.of(new MessagePosted(1, "a", "x".repeat(2_000))));
        PollStream.Source endless = new PollStream.Source() {
            long seq = 1;

            @Override
            public PollStream.Frame next() {
                return PollStream.Frame.batch(new PollResult(seq++, big.events()));
            }

            @Override
            public void finished() {
            }
        };

        PollStream read = (PollStream) deserialize(serialize(new PollStream(endless)));

        assertTrue(read.bytes() >= PollStream.MAX_BYTES && read.bytes() < PollStream.MAX_BYTES + 3_000,
                "bytes " + read.bytes());
    }

    @Test
    void theReceiverIsToldHowLongThisStreamMayGoWithoutAFrameBeforeTheFirstBatch() throws Exception {
        PollStream.Source spaced = new PollStream.Source() {
            private boolean sent;

            @Override
            public PollStream.Frame next() {
                if (sent) return PollStream.Frame.end(null);
                sent = true;
                return PollStream.Frame.batch(FIRST);
            }

            @Override
            public void finished() {
            }

            @Override
            public long keepAliveMillis() {
                return 4_000;
            }
        };
        List<String> heard = new ArrayList<>();
        PollStream.Receiver receiver = new PollStream.Receiver() {
            @Override
            public void batch(PollResult batch) {
                heard.add("batch");
            }

            @Override
            public void keepAliveEvery(long millis) {
                heard.add("keep-alive every " + millis);
            }
        };

        try (PollStream.Reception reception = PollStream.receiveOn(receiver)) {
            deserialize(serialize(new PollStream(spaced)));
            deserialize(serialize(new PollStream(new ListedSource())));
        }

        assertEquals(List.of("keep-alive every 4000", "batch", "keep-alive every " + PollStream.KEEP_ALIVE_MILLIS),
                heard);
    }

    @Test
    void theFramesHaveTheDocumentedLayout() throws Exception {
        byte[] bytes = serialize(new PollStream(new ListedSource(PollStream.Frame.keepAlive(),
                PollStream.Frame.end("bye"))));

        // after the object's descriptor, one block-data record (0x77, length) per flush: layout 3 and a
        // keep-alive (2, length 0); then the end (3, length 4, the string "bye"); then the object's end (0x78)
        byte[] frames = {0x77, 6, 3, 2, 0, 0, 0, 0, 0x77, 9, 3, 0, 0, 0, 4, 3, 'b', 'y', 'e', 0x78};
        int at = indexOf(bytes, frames);
        assertTrue(at > 0, Arrays.toString(bytes));
        assertArrayEquals(frames, Arrays.copyOfRange(bytes, at, at + frames.length));
    }

    @Test
    void aLayoutThisClientDoesNotKnowIsRefused() throws Exception {
        byte[] bytes = serialize(new PollStream(new ListedSource()));
        int at = indexOf(bytes, new byte[] {PollStream.LAYOUT, 3, 0, 0, 0, 0});
        bytes[at] = 4;

        assertThrows(InvalidObjectException.class, () -> deserialize(bytes));
    }

    @Test
    void anUnknownFrameKindIsRefused() throws Exception {
        byte[] bytes = serialize(new PollStream(new ListedSource()));
        int at = indexOf(bytes, new byte[] {PollStream.LAYOUT, 3, 0, 0, 0, 0});
        bytes[at + 1] = 9;

        assertThrows(InvalidObjectException.class, () -> deserialize(bytes));
    }

    @Test
    void aFrameLongerThanTheLimitIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] bytes = serialize(new PollStream(new ListedSource()));
        int at = indexOf(bytes, new byte[] {PollStream.LAYOUT, 3, 0, 0, 0, 0});
        bytes[at + 1] = 1;
        bytes[at + 2] = 0x7f;   // a batch of 2 GiB

        assertThrows(InvalidObjectException.class, () -> deserialize(bytes));
    }

    @Test
    void aReceiverThatFailsEndsTheRead() throws Exception {
        byte[] bytes = serialize(new PollStream(new ListedSource(PollStream.Frame.batch(FIRST))));

        try (PollStream.Reception reception = PollStream.receiveOn(batch -> {
            throw new IOException("abandoned");
        })) {
            assertThrows(IOException.class, () -> new ObjectInputStream(new ByteArrayInputStream(bytes)).readObject());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
