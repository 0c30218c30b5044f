package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rmichat.server.core.TestLines.line;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollResult;
import org.rmichat.api.SessionClosedException;

@Timeout(10)
class MailboxTest {
    private final FakeTicker ticker = new FakeTicker();
    private final Mailbox mailbox = new Mailbox(3, ticker);
    private String closedReason;

    @Test
    void aBatchStaysInFlightUntilAcknowledgedSoALostReplyComesAgain() throws Exception {
        mailbox.offer(line("one"));
        mailbox.offer(line("two"));

        PollResult first = poll(0);
        PollResult again = poll(0);   // the first reply was lost: the same ack asks again
        assertEquals(first, again);
        assertEquals(1, first.firstSeq());
        assertFalse(mailbox.isAcknowledged());

        mailbox.offer(line("three"));
        PollResult next = poll(first.lastSeq());
        assertEquals(3, next.firstSeq());
        assertEquals(List.of(new MessagePosted(1, "bob", "three")), next.events());
        poll(next.lastSeq());
        assertTrue(mailbox.isAcknowledged());
    }

    @Test
    void aFullQueueRefusesAndNeverBlocksTheBroadcaster() {
        assertTrue(mailbox.offerQuietly(line("1")));
        assertTrue(mailbox.offerQuietly(line("2")));
        assertTrue(mailbox.offerQuietly(line("3")));
        assertFalse(mailbox.offerQuietly(line("4")));
        assertEquals(3, mailbox.backlog());
    }

    @Test
    void aBatchHandedOutCountsTowardTheCapacityUntilItIsAcknowledged() throws Exception {
        for (int i = 1; i <= mailbox.capacity(); i++) assertTrue(mailbox.offerQuietly(line("m" + i)));
        PollResult batch = poll(0);
        assertEquals(mailbox.capacity(), batch.events().size());

        // the queue is empty, but the client has not shown what it was handed: it is as far behind as before
        assertFalse(mailbox.offerQuietly(line("one too many")));

        poll(batch.lastSeq());
        assertTrue(mailbox.offerQuietly(line("after the acknowledgement")));
    }

    @Test
    void closingDropsWhatIsQueuedAndTellsThePollWhy() {
        mailbox.offer(line("lost"));
        closedReason = "disconnected by server: too far behind";
        mailbox.close();

        var e = assertThrows(SessionClosedException.class, () -> poll(0));
        assertEquals("disconnected by server: too far behind", e.getMessage());
    }

    @Test
    void aWakeEndsAWaitingPollEmpty() throws Exception {
        mailbox.wake();
        PollResult woken = mailbox.poll(0, 10, 5_000_000_000L, 0, () -> closedReason);
        assertTrue(woken.isEmpty());
        assertEquals(1, woken.firstSeq());
    }

    @Test
    void aSecondPollReplacesTheWaitingOneAndAThirdIsRefusedAtOnce() throws Exception {
        ExecutorService polls = Executors.newFixedThreadPool(2, r -> new Thread(r, "mailbox-test-poll"));
        try {
            Future<PollResult> first = polls.submit(() -> mailbox.poll(0, 10, TimeUnit.MINUTES.toNanos(1), 0,
                    () -> closedReason));
            awaitPolls(1);
            Future<PollResult> second = polls.submit(() -> mailbox.poll(0, 10, TimeUnit.MINUTES.toNanos(1), 0,
                    () -> closedReason));

            // the waiting one returns at once, empty: its client has moved on to the second
            assertTrue(first.get(5, TimeUnit.SECONDS).isEmpty());
            awaitPolls(1);
            mailbox.offer(line("one"));
            assertEquals(List.of(new MessagePosted(1, "bob", "one")), second.get(5, TimeUnit.SECONDS).events());
        } finally {
            polls.shutdownNow();
            assertTrue(polls.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    /** Until {@code n} polls are inside the mailbox; they announce nothing, so this watches the count. */
    private void awaitPolls(int n) {
        while (mailbox.pollsInProgress() != n) Thread.onSpinWait();
    }

    private PollResult poll(long ack) throws Exception {
        return mailbox.poll(ack, 10, 0, 0, () -> closedReason);
    }
}
