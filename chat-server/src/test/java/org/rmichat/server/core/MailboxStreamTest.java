package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rmichat.server.core.TestLines.batch;
import static org.rmichat.server.core.TestLines.line;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.RateLimitedException;

/** The streamed poll over one mailbox: what it writes, when it ends, and what stays in flight. */
@Timeout(20)
class MailboxStreamTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(30);
    // a stream hands out at most half of this before it ends; the tests of other things stay below that
    private final Mailbox mailbox = new Mailbox(10, new FakeTicker());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-writer"));
    private String closedReason;

    @AfterEach
    void stopWriter() throws InterruptedException {
        writer.shutdownNow();
        assertTrue(writer.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void aStreamWritesWhatIsInFlightThenEachNewBatchAsItComes() throws Exception {
        mailbox.offer(line("one"));
        PollStream.Source stream = open(0, LONG, LONG, 0);

        assertEquals(batch(1, "one"), stream.next().batch());
        Future<PollStream.Frame> waiting = writer.submit(stream::next);
        mailbox.offer(line("two"));
        assertEquals(batch(2, "two"), waiting.get(5, TimeUnit.SECONDS).batch());
        assertFalse(mailbox.isAcknowledged());
    }

    @Test
    void aBrokenStreamIsReplayedFromTheLastAcknowledgementByTheNextPoll() throws Exception {
        mailbox.offer(line("one"));
        mailbox.offer(line("two"));
        PollStream.Source broken = open(0, LONG, LONG, 0);
        assertEquals(batch(1, "one", "two"), broken.next().batch());
        broken.finished();   // the socket broke while the frame was on its way

        mailbox.offer(line("three"));
        PollStream.Source next = open(0, LONG, LONG, 0);
        assertEquals(batch(1, "one", "two"), next.next().batch());
        assertEquals(batch(3, "three"), next.next().batch());

        // acknowledged: only what came after it
        PollStream.Source third = open(3, LONG, LONG, 0);
        mailbox.offer(line("four"));
        assertEquals(batch(4, "four"), third.next().batch());
    }

    @Test
    void aSinglePollAfterAStreamAcknowledgesAndReturnsWhatTheStreamWroteAndWasNotAcknowledged() throws Exception {
        mailbox.offer(line("one"));
        mailbox.offer(line("two"));
        PollStream.Source stream = open(0, LONG, LONG, 0);
        assertEquals(batch(1, "one", "two"), stream.next().batch());
        stream.finished();

        PollResult again = mailbox.poll(1, 10, 0, 0, () -> closedReason);
        assertEquals(batch(2, "two"), again);
    }

    @Test
    void anIdleStreamWritesKeepAlivesAndEndsAfterItsDuration() throws Exception {
        PollStream.Source stream = open(0, TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.MILLISECONDS.toNanos(50), 0);

        List<PollStream.Frame> frames = new ArrayList<>();
        for (PollStream.Frame frame = stream.next(); ; frame = stream.next()) {
            frames.add(frame);
            if (frame.isEnd()) break;
        }
        assertTrue(frames.size() >= 3, String.valueOf(frames));
        assertTrue(frames.subList(0, frames.size() - 1).stream().allMatch(f -> f.equals(PollStream.Frame.keepAlive())),
                String.valueOf(frames));
        assertEquals(PollStream.Frame.end(null), frames.get(frames.size() - 1));
    }

    @Test
    void aLaterPollEndsAnOpenStream() throws Exception {
        PollStream.Source stream = open(0, LONG, LONG, 0);
        Future<PollStream.Frame> waiting = writer.submit(stream::next);
        awaitStarted(1);

        ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-poller"));
        try {
            Future<PollResult> poll = other.submit(() -> mailbox.poll(0, 10, LONG, 0, () -> closedReason));
            assertEquals(PollStream.Frame.end(null), waiting.get(5, TimeUnit.SECONDS));
            mailbox.offer(line("for the poll"));
            assertEquals(batch(1, "for the poll"), poll.get(5, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aStreamWrittenLaterThanANewerOneEndsAtItsNextFrame() throws Exception {
        PollStream.Source old = open(0, LONG, LONG, 0);
        mailbox.offer(line("one"));
        assertEquals(batch(1, "one"), old.next().batch());
        PollStream.Source newer = open(0, LONG, LONG, 0);   // while old's frame was being written

        assertEquals(PollStream.Frame.end(null), old.next());
        assertEquals(batch(1, "one"), newer.next().batch());
    }

    @Test
    void aClosedSessionEndsTheStreamWithItsReason() throws Exception {
        PollStream.Source stream = open(0, LONG, LONG, 0);
        Future<PollStream.Frame> waiting = writer.submit(stream::next);
        awaitStarted(1);

        closedReason = "disconnected by server: too far behind";
        mailbox.close();

        assertEquals(PollStream.Frame.end(closedReason), waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aStreamWhoseClientDoesNotReadNeverHoldsUpTheBroadcaster() throws Exception {
        PollStream.Source stream = open(0, LONG, LONG, 0);
        mailbox.offer(line("one"));
        assertEquals(batch(1, "one"), stream.next().batch());
        // the writer is now blocked on a socket that does not drain: it holds no lock, the queue fills, and the
        // offer that finds what is held at capacity (the one in flight counts) is refused at once (the caller
        // evicts the session)
        for (int i = 1; i < mailbox.capacity(); i++) assertTrue(mailbox.offerQuietly(line("more " + i)));
        assertFalse(mailbox.offerQuietly(line("too many")));
    }

    @Test
    void aStreamNobodyAcknowledgesHandsOutHalfTheCapacityAndOffersFailOnceQueuedAndInFlightReachIt()
            throws Exception {
        PollStream.Source stream = open(0, LONG, LONG, 0);
        List<ChatEvent> written = new ArrayList<>();
        boolean ended = false;
        int accepted = 0;
        // a client stopped mid-stream: its stream writes each line into socket buffers nobody reads, and nothing
        // is acknowledged. Without a bound it would take every line as it comes, and the queue would never fill.
        while (accepted <= 3 * mailbox.capacity() && mailbox.offerQuietly(line("m" + accepted))) {
            accepted++;
            if (ended) continue;
            PollStream.Frame frame = stream.next();
            if (frame.isEnd()) {
                ended = true;
            } else {
                written.addAll(frame.batch().events());
            }
        }

        assertEquals(mailbox.capacity(), accepted, "offers accepted before the first refused");
        assertEquals(mailbox.capacity() / 2, written.size(), "events written before the stream ended");
        assertTrue(ended, "the stream did not end once it had handed out half the capacity");
        assertEquals(mailbox.capacity(), mailbox.held());
    }

    @Test
    void aReaderThatReopensItsStreamAsEachEndsIsNeverFoundTooSlowUnderABurstOfFiveTimesTheCapacity()
            throws Exception {
        int burst = 5 * mailbox.capacity();
        int chunk = mailbox.capacity() / 2;   // what may arrive while the client opens its next stream
        List<String> shown = new ArrayList<>();
        long ack = 0;
        PollStream.Source stream = open(ack, LONG, LONG, 0);
        for (int sent = 0; sent < burst; ) {
            for (int i = 0; i < chunk; i++, sent++) {
                assertTrue(mailbox.offerQuietly(line("m" + sent)), "found too slow at m" + sent);
            }
            while (shown.size() < sent) {
                PollStream.Frame frame = stream.next();
                if (frame.isEnd()) {
                    // as a client does: the next stream at once, acknowledging everything shown
                    stream.finished();
                    stream = open(ack, LONG, LONG, 0);
                    continue;
                }
                for (ChatEvent event : frame.batch().events()) shown.add(((MessagePosted) event).text());
                ack = frame.batch().lastSeq();
            }
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < burst; i++) expected.add("m" + i);
        assertEquals(expected, shown);
        assertTrue(mailbox.held() <= mailbox.capacity() / 2, "held " + mailbox.held());
    }

    @Test
    void whenStoppingAStreamEndsOnceEverythingQueuedIsWritten() throws Exception {
        PollStream.Source stream = open(0, LONG, LONG, 0);
        mailbox.offer(line("the server is shutting down"));
        stopping.set(true);

        assertEquals(batch(1, "the server is shutting down"), stream.next().batch());
        assertEquals(PollStream.Frame.end(null), stream.next());
    }

    @Test
    void aBusyStreamCoalescesWhatArrivesWithinTheIntervalIntoOneFrame() throws Exception {
        PollStream.Source stream = open(0, LONG, LONG, TimeUnit.SECONDS.toNanos(2));
        mailbox.offer(line("one"));
        mailbox.offer(line("two"));
        assertEquals(batch(1, "one", "two"), stream.next().batch());   // found waiting: the stream is busy

        Future<PollStream.Frame> next = writer.submit(stream::next);
        mailbox.offer(line("three"));
        mailbox.offer(line("four"));
        // it slept out the interval before looking: both lines in one frame
        assertEquals(batch(3, "three", "four"), next.get(5, TimeUnit.SECONDS).batch());
    }

    @Test
    void aStreamIsCountedAsAPollWhileItIsWrittenAndRefusedBeyondTheLimit() throws Exception {
        PollStream.Source first = open(0, LONG, LONG, 0);
        PollStream.Source second = open(0, LONG, LONG, 0);
        mailbox.offer(line("one"));
        first.next();
        second.next();
        assertEquals(2, started.get());

        assertThrows(RateLimitedException.class, () -> open(0, LONG, LONG, 0));
        first.finished();
        second.finished();
        assertEquals(2, finished.get());
        open(0, LONG, LONG, 0);
    }

    @Test
    void aStreamNeverWrittenHoldsNoPlace() throws Exception {
        open(0, LONG, LONG, 0);
        open(0, LONG, LONG, 0);
        open(0, LONG, LONG, 0);   // RMI never serialized the first two (their connection broke): no place held
        assertEquals(0, started.get());
    }

    @Test
    void theLeaseCannotLapseWhileAStreamIsWrittenAndIsRenewedWhenItEnds() throws Exception {
        FakeTicker ticker = new FakeTicker();
        ClientSession session = new ClientSession(new SessionRegistry(10).newToken(), 1, "alice", 11, 10, ticker,
                new TokenBucket(ticker, 0, 1));
        long timeout = TimeUnit.SECONDS.toNanos(30);
        PollStream.Source stream = session.openStream(0, 10, new Mailbox.StreamTiming(0, LONG, 0), () -> false);
        assertEquals(PollStream.Frame.end(null), stream.next());   // started writing: the lease is held

        ticker.advance(java.time.Duration.ofMinutes(5));
        assertFalse(session.isExpired(ticker.nanos(), timeout));
        stream.finished();
        assertFalse(session.isExpired(ticker.nanos(), timeout), "the stream's end renews it");
        ticker.advance(java.time.Duration.ofMinutes(1));
        assertTrue(session.isExpired(ticker.nanos(), timeout));
    }

    private PollStream.Source open(long ack, long duration, long keepAlive, long coalesce) throws Exception {
        return mailbox.openStream(ack, 10, new Mailbox.StreamTiming(duration, keepAlive, coalesce),
                () -> closedReason, stopping::get, started::incrementAndGet, finished::incrementAndGet);
    }

    /** Until {@code n} streams have started writing. */
    private void awaitStarted(int n) {
        while (started.get() < n || mailbox.pollsInProgress() < n) Thread.onSpinWait();
    }
}
