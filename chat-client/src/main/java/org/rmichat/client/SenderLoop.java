package org.rmichat.client;

import java.rmi.RemoteException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.Member;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.UnknownSessionException;
import org.rmichat.client.console.Console;

/**
 * The sender thread's work: takes typed lines from the outbox in order and delivers each exactly once. Each
 * line gets the next client sequence number; a send that failed on the wire is retried with the same number
 * (the server accepts each number once), after repairing the link if needed.
 */
final class SenderLoop implements Runnable {
    /** Put in the outbox to say the user is done: /quit or end of input. Compared by identity. */
    static final String END = new String("/quit");
    private static final long UNAVAILABLE_RETRY_MILLIS = 500;

    interface Finish {
        void done();

        void gaveUp(SessionLink.GaveUpException e);
    }

    private final BlockingQueue<String> outbox;
    private final SessionLink link;
    private final Console console;
    private final Finish finish;
    private long clientSeq;
    private SendPacer pacer;
    private Attachment pacedFor;

    SenderLoop(BlockingQueue<String> outbox, SessionLink link, Console console, Finish finish) {
        this.outbox = outbox;
        this.link = link;
        this.console = console;
        this.finish = finish;
    }

    @Override
    public void run() {
        try {
            while (true) {
                String line = outbox.take();
                if (line == END) break;
                if (line.startsWith("/")) {
                    command(line);
                } else {
                    deliver(++clientSeq, line);
                }
            }
            finish.done();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the client is closing
        } catch (SessionLink.GaveUpException e) {
            finish.gaveUp(e);
        }
    }

    private void deliver(long seq, String text) throws InterruptedException, SessionLink.GaveUpException {
        while (!link.isClosed()) {
            Attachment attachment = link.current();
            pacerFor(attachment).acquire();
            try {
                attachment.service().send(new SendRequest(attachment.session().token(), seq, text));
                return;
            } catch (RateLimitedException e) {
                TimeUnit.MILLISECONDS.sleep(pacerFor(attachment).retryDelayMillis());   // over the limit anyway: wait, resend
            } catch (ChatUnavailableException e) {
                // the server holds as much as it may while its bus is away: keep the line, resend it soon
                TimeUnit.MILLISECONDS.sleep(UNAVAILABLE_RETRY_MILLIS);
            } catch (UnknownSessionException | SessionClosedException e) {
                link.repair(attachment, e instanceof SessionClosedException);
            } catch (ChatException e) {
                console.println("⚠ not sent: " + e.getMessage());
                return;
            } catch (RemoteException e) {
                link.repair(attachment, false);
            }
        }
    }

    private SendPacer pacerFor(Attachment attachment) {
        if (attachment != pacedFor) {
            pacer = new SendPacer(attachment.session().limits());
            pacedFor = attachment;
        }
        return pacer;
    }

    private void command(String line) throws InterruptedException, SessionLink.GaveUpException {
        String name = line.split("\\s+", 2)[0];
        switch (name) {
            case "/who" -> who();
            case "/help" -> help();
            default -> console.println("unknown command " + name + " - /help lists the commands");
        }
    }

    private void who() throws InterruptedException, SessionLink.GaveUpException {
        while (!link.isClosed()) {
            Attachment attachment = link.current();
            try {
                var members = attachment.service().who(attachment.session().token()).members();
                console.println(members.size() + " in the chat:");
                for (Member m : members) console.println("  " + m.name() + idle(m.idleSeconds()));
                return;
            } catch (ChatException e) {
                console.println("⚠ " + e.getMessage());
                return;
            } catch (RemoteException e) {
                link.repair(attachment, false);
            }
        }
    }

    private static String idle(long seconds) {
        if (seconds < 60) return "";
        return seconds < 3600 ? " (idle " + seconds / 60 + " min)" : " (idle " + seconds / 3600 + " h)";
    }

    private void help() {
        console.println("/who   list everyone in the chat");
        console.println("/help  this list");
        console.println("/quit  leave (Ctrl-D too)");
    }
}
