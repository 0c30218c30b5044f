package org.rmichat.bench;

import java.rmi.RemoteException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.Protocol;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.UnknownSessionException;

/**
 * One simulated user, a real client of the remote API: its poll loop long-polls and acknowledges what it got,
 * checking each bench message against the last number it had from that sender; if it is a sender, its send
 * loop posts on a fixed schedule. Each loop runs on a thread the {@link LoadGenerator} owns.
 */
final class BenchClient {
    private final ChatService service;
    private final Session session;
    private final Tally tally;
    private final long[] lastNumberFrom;   // by sender index; touched by the poll thread only
    private final int maxBatch;
    private final long pollWaitMillis;
    private final boolean streamed;
    private volatile boolean running = true;
    /** Settle markers still to come: the lobby's, then one per room entered; each brings all queued before it. */
    private final AtomicInteger markersAwaited = new AtomicInteger(1);
    private long clientSeq;                // the send thread's; the marker is sent before that thread starts
    private volatile String room;          // where its lines go: the first room it entered; null: the lobby

    BenchClient(ChatService service, Session session, Tally tally, int senders, int maxBatch, long pollWaitMillis,
                boolean singleReplies) {
        this.streamed = !singleReplies && session.protocol() >= Protocol.STREAM;
        this.service = service;
        this.session = session;
        this.tally = tally;
        this.lastNumberFrom = new long[senders];
        this.maxBatch = maxBatch;
        this.pollWaitMillis = pollWaitMillis;
    }

    Session session() {
        return session;
    }

    /** True once this client has received every settle marker, and with them every event queued before. */
    boolean settled() {
        return markersAwaited.get() <= 0;
    }

    /** Posts the settle marker: the one broadcaster keeps bus order, so it reaches each queue after the joins. */
    void sendSettleMarker() throws ChatException, RemoteException {
        service.send(new SendRequest(session.token(), ++clientSeq,
                new Stamp(Stamp.SETTLE_MARKER, 0, System.nanoTime()).text(8), false, room));
        markersAwaited.decrementAndGet();   // the marker never comes back to its sender
    }

    /** Joins {@code name}, and posts there from now on if it is its first room; before the send thread starts. */
    void enterRoom(String name) throws ChatException, RemoteException {
        service.joinRoom(new RoomRequest(session.token(), name));
        if (room == null) room = name;
        markersAwaited.incrementAndGet();   // settled again once the room's marker comes, after its join lines
    }

    /** Polls until {@link #stop} and the session's end; a poll in progress ends when the server closes it. */
    void pollLoop() {
        if (streamed) {
            streamLoop();
            return;
        }
        long ack = 0;
        while (running) {
            PollResult batch;
            try {
                batch = service.poll(new PollRequest(session.token(), ack, maxBatch, pollWaitMillis));
            } catch (ChatException | RemoteException e) {
                if (pollsAgainAfter(e)) continue;
                return;
            }
            tally.polls.increment();
            if (batch.isEmpty()) continue;
            tally.frames.increment();
            receive(batch, ack, System.nanoTime());
            ack = Math.max(ack, batch.lastSeq());
        }
    }

    /**
     * After a failed poll or stream: false when the loop ends (the session was evicted, or the run is stopping),
     * true to poll again after a pause, counted as a poll error.
     */
    private boolean pollsAgainAfter(Exception e) {
        if (e instanceof SessionClosedException || e instanceof UnknownSessionException) {
            if (running) tally.evicted.increment();
            return false;
        }
        if (!running) return false;
        tally.pollErrors.increment();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));   // a dead server must not spin us
        return true;
    }

    /** As {@link #pollLoop}, each poll a stream whose batches are counted as they arrive. */
    private void streamLoop() {
        long[] ack = {0};   // what was received so far: a broken stream is replayed from the last ack
        PollStream.Receiver receiver = batch -> {
            tally.frames.increment();
            receive(batch, ack[0], System.nanoTime());
            ack[0] = Math.max(ack[0], batch.lastSeq());
        };
        try (PollStream.Reception reception = PollStream.receiveOn(receiver)) {
            while (running) {
                PollStream stream;
                try {
                    stream = service.pollStream(new PollRequest(session.token(), ack[0], maxBatch, pollWaitMillis));
                } catch (ChatException | RemoteException e) {
                    if (pollsAgainAfter(e)) continue;
                    return;
                }
                tally.polls.increment();
                tally.replyBytes.add(stream.bytes());
                if (stream.closedReason().isPresent()) {
                    if (running) tally.evicted.increment();
                    return;
                }
            }
        }
    }

    private void receive(PollResult batch, long ack, long now) {
        List<ChatEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            // a batch repeated because its ack was lost is the protocol working, not a duplicate
            if (batch.seqOf(i) <= ack) continue;
            if (!(events.get(i) instanceof MessagePosted message)) continue;
            Stamp stamp = Stamp.parse(message.text());
            if (stamp != null && stamp.sender() == Stamp.SETTLE_MARKER) markersAwaited.decrementAndGet();
            if (stamp == null || stamp.sender() < 0 || stamp.sender() >= lastNumberFrom.length) continue;
            if (stamp.number() <= lastNumberFrom[stamp.sender()]) {
                tally.duplicated.increment();
                continue;
            }
            lastNumberFrom[stamp.sender()] = stamp.number();
            tally.delivered.increment();
            tally.received(stamp, now);
        }
    }

    /**
     * Sends one message every {@code intervalNanos} from {@code firstNanos} until {@code endNanos}, each stamped
     * with its scheduled time. Open loop: a late send does not push the schedule back, so a stalled server
     * shows as latency, not as a lower rate.
     */
    void sendLoop(int senderIndex, long firstNanos, long intervalNanos, long endNanos, int payloadBytes) {
        long number = 0;
        for (long scheduled = firstNanos; scheduled - endNanos < 0 && running; scheduled += intervalNanos) {
            if (!parkUntil(scheduled)) return;
            number++;
            String text = new Stamp(senderIndex, number, scheduled).text(payloadBytes);
            try {
                long start = System.nanoTime();
                service.send(new SendRequest(session.token(), ++clientSeq, text, false, room));
                tally.sendReturned(scheduled, System.nanoTime() - start);
                tally.sent.increment();
            } catch (ChatException | RemoteException e) {
                tally.sendErrors.increment();
            }
        }
    }

    /** False when interrupted. */
    private static boolean parkUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return false;
        }
        return !Thread.currentThread().isInterrupted();
    }

    /** Ends both loops after their current call; {@link LoadGenerator} then leaves, which ends a waiting poll. */
    void stop() {
        running = false;
    }

    void leave() {
        try {
            service.leave(session.token());
        } catch (ChatException | RemoteException e) {
            // already gone (evicted, timed out) or the server is stopping: either way the session is over
        }
    }
}
