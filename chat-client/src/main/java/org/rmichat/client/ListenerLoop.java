package org.rmichat.client;

import java.rmi.RemoteException;
import org.rmichat.api.ChatException;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.SessionToken;
import org.rmichat.api.UnknownSessionException;
import org.rmichat.client.console.Console;

/**
 * The listener thread's work: long-poll, show each event once, acknowledge what was shown with the next poll.
 * A reply lost on the wire is asked for again with the same ack; numbers already shown are skipped.
 */
final class ListenerLoop implements Runnable {
    interface Failure {
        void gaveUp(SessionLink.GaveUpException e);
    }

    private final SessionLink link;
    private final Console console;
    private final ChatView view;
    private final int maxBatch;
    private final long waitMillis;
    private final Failure failure;

    ListenerLoop(SessionLink link, Console console, ChatView view, int maxBatch, long waitMillis, Failure failure) {
        this.link = link;
        this.console = console;
        this.view = view;
        this.maxBatch = maxBatch;
        this.waitMillis = waitMillis;
        this.failure = failure;
    }

    @Override
    public void run() {
        SessionToken shownFor = null;
        long shownUpTo = 0;
        try {
            while (!link.isClosed()) {
                Attachment attachment = link.current();
                SessionToken token = attachment.session().token();
                if (!token.equals(shownFor)) {   // a new session numbers its events from 1 again
                    shownFor = token;
                    shownUpTo = 0;
                }
                try {
                    PollResult batch = attachment.service().poll(new PollRequest(token, shownUpTo, maxBatch,
                            waitMillis));
                    long from = shownUpTo;
                    long[] shown = {shownUpTo};
                    link.showing(() -> shown[0] = show(batch, from), batch.position());
                    shownUpTo = shown[0];
                } catch (SessionClosedException e) {
                    if (link.isClosed()) return;
                    console.println("⚠ " + e.getMessage());
                    link.repair(attachment, true);
                } catch (UnknownSessionException | RemoteException e) {
                    if (link.isClosed()) return;
                    link.repair(attachment, false);
                } catch (ChatException e) {
                    console.println("⚠ " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the client is closing
        } catch (SessionLink.GaveUpException e) {
            failure.gaveUp(e);
        }
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
