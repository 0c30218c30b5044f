package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rmichat.server.core.TestLines.batch;
import static org.rmichat.server.core.TestLines.line;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;

/** Frames the broadcaster writes into a stream whose own thread waits, instead of waking that thread. */
@Timeout(20)
class MailboxWriteHereTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(30);
    private final Mailbox mailbox = new Mailbox(100, new FakeTicker());
    private final ExecutorService streamThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-stream"));

    /** Records each frame written for the stream from another thread, and which thread wrote it. */
    private static final class Recorder implements PollStream.FrameWriter {
        final List<PollStream.Frame> frames = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean broken;

        @Override
        public void write(PollStream.Frame frame) throws IOException {
            if (broken) throw new IOException("Broken pipe");
            frames.add(frame);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public long written() {
            return 0;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        streamThread.shutdownNow();
        assertTrue(streamThread.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void aWaitingStreamsNextLineIsWrittenByTheThreadThatOfferedItAndItsOwnThreadSleepsOn() throws Exception {
        Recorder recorder = new Recorder();
        Future<PollStream.Frame> own = waitingStream(recorder, 0);

        mailbox.offerQuietly(line("one"));
        mailbox.wakePoll(true);

        assertEquals(List.of(PollStream.Frame.batch(batch(1, "one"))), recorder.frames);
        assertEquals(List.of(Thread.currentThread().getName()), recorder.threads);
        assertFalse(own.isDone(), "its own thread was woken");
        assertFalse(mailbox.isAcknowledged(), "written, so in flight until the next poll acknowledges it");
        assertTrue(mailbox.streamWaits());
    }

    @Test
    void aBusyStreamIsLeftToItsOwnThreadWhichCoalesces() throws Exception {
        Recorder recorder = new Recorder();
        Future<PollStream.Frame> own = waitingStream(recorder, LONG);   // every frame counts as within the coalesce interval

        mailbox.offerQuietly(line("one"));
        mailbox.wakePoll(true);

        assertEquals(batch(1, "one"), own.get(5, TimeUnit.SECONDS).batch());
        assertEquals(List.of(), recorder.frames);
    }

    @Test
    void aCallerWithMoreToDoWakesTheStreamToWriteItsOwn() throws Exception {
        Recorder recorder = new Recorder();
        Future<PollStream.Frame> own = waitingStream(recorder, 0);

        mailbox.offerQuietly(line("one"));
        mailbox.wakePoll(false);

        assertEquals(batch(1, "one"), own.get(5, TimeUnit.SECONDS).batch());
        assertEquals(List.of(), recorder.frames);
    }

    @Test
    void moreThanAFrameOfLinesIsSplitBetweenBothWritersInOrderEachOnce() throws Exception {
        Recorder recorder = new Recorder();
        Future<PollStream.Frame> own = waitingStream(recorder, 0);

        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= Mailbox.HANDED_MAX_EVENTS + 3; i++) {
            texts.add("line " + i);
            mailbox.offerQuietly(line("line " + i));
        }
        mailbox.wakePoll(true);

        List<PollResult> batches = new ArrayList<>();
        recorder.frames.forEach(frame -> batches.add(frame.batch()));
        batches.add(own.get(5, TimeUnit.SECONDS).batch());
        assertEquals(Mailbox.HANDED_MAX_EVENTS, batches.get(0).events().size());
        long next = 1;
        List<String> seen = new ArrayList<>();
        for (PollResult batch : batches) {
            assertEquals(next, batch.firstSeq());
            next += batch.events().size();
            for (ChatEvent event : batch.events()) seen.add(((MessagePosted) event).text());
        }
        assertEquals(texts, seen);
    }

    @Test
    void aHandedWriteThatFailsEndsTheStreamAndItsLinesStayForTheNextPoll() throws Exception {
        Recorder recorder = new Recorder();
        recorder.broken = true;
        Future<PollStream.Frame> own = waitingStream(recorder, 0);

        mailbox.offerQuietly(line("one"));
        mailbox.wakePoll(true);

        assertEquals(PollStream.Frame.end(null), own.get(5, TimeUnit.SECONDS));
        stream.finished();
        assertEquals(batch(1, "one"), mailbox.poll(0, 10, 0, 0, () -> null));
    }

    @Test
    void aStreamEndsAfterItsMostFramesSoItsClientAcknowledgesAndTheSocketIsEmptyAgain() throws Exception {
        PollStream.Source idle = mailbox.openStream(0, 10, new Mailbox.StreamTiming(LONG, 0, 0), () -> null,
                () -> false, () -> { }, () -> { });
        int frames = 0;
        for (PollStream.Frame frame = idle.next(); !frame.isEnd(); frame = idle.next()) frames++;
        assertEquals(Mailbox.MAX_FRAMES, frames);
    }

    private PollStream.Source stream;

    /** A stream written through {@code recorder} whose own thread waits in its next frame. */
    private Future<PollStream.Frame> waitingStream(Recorder recorder, long coalesce) throws Exception {
        stream = mailbox.openStream(0, 100, new Mailbox.StreamTiming(LONG, LONG, coalesce),
                () -> null, () -> false, () -> { }, () -> { });
        stream.attach(recorder);
        Future<PollStream.Frame> own = streamThread.submit(stream::next);
        while (!mailbox.streamWaits()) Thread.onSpinWait();
        return own;
    }
}
