package org.rmichat.client;

import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.SessionToken;

/**
 * The listener thread's work: long-poll, show each event once, acknowledge what was shown with the next poll.
 * A reply lost on the wire, or a stream broken mid-way, is asked for again with the same ack; numbers already
 * shown are skipped. What a
 * failed poll means is the {@link Connection}'s decision, as for every other call.
 */
final class ListenerLoop implements Runnable {
    interface Failure {
        void gaveUp(SessionLink.GaveUpException e);
    }

    private final Connection connection;
    private final ChatView view;
    private final int maxBatch;
    private final long waitMillis;
    private final Failure failure;
    private SessionToken shownFor;   // listener thread only
    // written by whichever thread reads the stream, under the link's lock; read by the listener for the ack
    private volatile long shownUpTo;

    ListenerLoop(Connection connection, ChatView view, int maxBatch, long waitMillis, Failure failure) {
        this.connection = connection;
        this.view = view;
        this.maxBatch = maxBatch;
        this.waitMillis = waitMillis;
        this.failure = failure;
    }

    @Override
    public void run() {
        try (StreamWatch watch = new StreamWatch(PollStream.SILENCE_MILLIS)) {
            while (!connection.isClosed()) {
                // refused (the user was told) or closing: either way the loop condition decides
                connection.poll(this::requestFor, watch, batch -> shownUpTo = show(batch, shownUpTo));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the client is closing
        } catch (SessionLink.GaveUpException e) {
            failure.gaveUp(e);
        }
    }

    private PollRequest requestFor(SessionToken token) {
        if (!token.equals(shownFor)) {   // a new session numbers its events from 1 again
            shownFor = token;
            shownUpTo = 0;
        }
        return new PollRequest(token, shownUpTo, maxBatch, waitMillis);
    }

    private long show(PollResult batch, long shownUpTo) {
        long shown = shownUpTo;
        for (int i = 0; i < batch.events().size(); i++) {
            long seq = batch.seqOf(i);
            if (seq <= shown) continue;
            view.show(batch.events().get(i));
            shown = seq;
        }
        return shown;
    }
}
