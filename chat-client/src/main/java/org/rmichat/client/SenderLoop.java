package org.rmichat.client;

import java.rmi.RemoteException;
import java.rmi.ServerException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.Member;
import org.rmichat.api.NickRequest;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.UnknownSessionException;
import org.rmichat.client.console.Console;

/**
 * The sender thread's work: takes typed lines from the outbox in order and delivers each exactly once. Each
 * line gets the next client sequence number; a send that failed on the wire is retried with the same number
 * (the server accepts each number once), after repairing the link if needed.
 *
 * <p>Lines starting with {@code /} are commands, run here in the same order as the lines around them, so
 * {@code /nick} takes effect exactly between the lines typed before and after it. Private lines and actions
 * take their numbers from the same sequence as ordinary lines.
 */
final class SenderLoop implements Runnable {
    /** Put in the outbox to say the user is done: /quit or end of input. Compared by identity. */
    static final String END = new String("/quit");
    private static final long UNAVAILABLE_RETRY_MILLIS = 500;

    /** What /help prints; the README's command table says the same. */
    static final List<String> HELP = List.of(
            "/msg NAME text  send text to NAME only",
            "/me action      show \"* yourname action\" to the others",
            "/nick NEW       change your name",
            "/who            list everyone in the chat, with idle times",
            "/help           this list",
            "/quit           leave (Ctrl-D or Ctrl-C too)",
            "//text          send a line that starts with /");

    static final String UNKNOWN_HINT = "commands: /msg /me /nick /who /help /quit";

    interface Finish {
        void done();

        void gaveUp(SessionLink.GaveUpException e);
    }

    /** One remote call, made against whichever attachment is current when it is tried. */
    private interface Call<T> {
        T call(Attachment attachment) throws RemoteException, ChatException;
    }

    private final BlockingQueue<String> outbox;
    private final SessionLink link;
    private final Console console;
    private final ChatView view;
    private final Finish finish;
    private long clientSeq;
    private SendPacer pacer;
    private Attachment pacedFor;

    SenderLoop(BlockingQueue<String> outbox, SessionLink link, Console console, ChatView view, Finish finish) {
        this.outbox = outbox;
        this.link = link;
        this.console = console;
        this.view = view;
        this.finish = finish;
    }

    @Override
    public void run() {
        try {
            while (true) {
                String line = outbox.take();
                if (line == END) break;
                if (line.startsWith("//")) {
                    deliver(++clientSeq, line.substring(1));
                } else if (line.startsWith("/")) {
                    if (!command(line)) break;
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
        call("not sent: ", a -> {
            a.service().send(new SendRequest(a.session().token(), seq, checkedLength(a, text)));
            return true;
        });
    }

    /**
     * Makes {@code call} until the server answers: over the rate limit it waits and tries again; on a lost
     * connection or session it repairs the link and tries again. A refusal (a {@link ChatException} the user
     * can act on) is printed after {@code refusal} and gives empty.
     */
    private <T> Optional<T> call(String refusal, Call<T> call)
            throws InterruptedException, SessionLink.GaveUpException {
        while (!link.isClosed()) {
            Attachment attachment = link.current();
            pacerFor(attachment).acquire();
            try {
                return Optional.of(call.call(attachment));
            } catch (RateLimitedException e) {
                // over the limit anyway: wait, resend
                TimeUnit.MILLISECONDS.sleep(pacerFor(attachment).retryDelayMillis());
            } catch (ChatUnavailableException e) {
                // the server holds as much as it may while its bus is away: keep the line, resend it soon
                TimeUnit.MILLISECONDS.sleep(UNAVAILABLE_RETRY_MILLIS);
            } catch (UnknownSessionException | SessionClosedException e) {
                link.repair(attachment, e instanceof SessionClosedException);
            } catch (ChatException e) {
                console.println("⚠ " + refusal + e.getMessage());
                return Optional.empty();
            } catch (ServerException e) {
                // the server got the call and refused it (a line too big to read): resending cannot help
                console.println("⚠ " + refusal + "the server refused it");
                return Optional.empty();
            } catch (RemoteException e) {
                link.repair(attachment, false);
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses here, with the server's own words, a line the server would refuse before reading it: past four
     * times the length limit a call outgrows what the server reads of one call, and it cuts the connection, which
     * this loop would take for an outage and resend into forever.
     */
    private static String checkedLength(Attachment attachment, String text) throws InvalidMessageException {
        int limit = attachment.session().limits().maxMessageLength();
        if (text.length() > 4L * limit) {
            throw new InvalidMessageException("message too long: " + text.length() + " characters, limit " + limit);
        }
        return text;
    }

    private SendPacer pacerFor(Attachment attachment) {
        if (attachment != pacedFor) {
            pacer = new SendPacer(attachment.session().limits());
            pacedFor = attachment;
        }
        return pacer;
    }

    /** Runs one command line; false for /quit. Nothing unknown or malformed is ever sent as a message. */
    private boolean command(String line) throws InterruptedException, SessionLink.GaveUpException {
        String[] parts = line.strip().split("\\s+", 2);
        String name = parts[0];
        String rest = parts.length > 1 ? parts[1].strip() : "";
        switch (name) {
            case "/quit" -> {
                return false;
            }
            case "/who" -> who();
            case "/help" -> HELP.forEach(console::println);
            case "/nick" -> nick(rest);
            case "/msg" -> privately(rest);
            case "/me" -> action(rest);
            default -> console.println("⚠ unknown command " + name + "; " + UNKNOWN_HINT);
        }
        return true;
    }

    private void nick(String newName) throws InterruptedException, SessionLink.GaveUpException {
        if (newName.isEmpty()) {
            console.println("usage: /nick NEW");
            return;
        }
        // everyone, us included, sees the server's NickChanged line; here we only remember the new name
        Attachment[] renamed = new Attachment[1];
        Optional<String> name = call("not renamed: ", a -> {
            renamed[0] = a;
            return a.service().nick(new NickRequest(a.session().token(), newName));
        });
        name.ifPresent(n -> link.renamed(renamed[0], n));
    }

    private void privately(String rest) throws InterruptedException, SessionLink.GaveUpException {
        String[] parts = rest.split("\\s+", 2);
        if (parts.length < 2 || parts[0].isEmpty()) {
            console.println("usage: /msg NAME text");
            return;
        }
        String to = parts[0];
        String text = parts[1];
        long seq = ++clientSeq;
        Optional<Boolean> sent = call("not sent: ", a -> {
            a.service().sendPrivate(new PrivateRequest(a.session().token(), seq, to, checkedLength(a, text)));
            return true;
        });
        if (sent.isPresent()) view.showPrivateSent(to, text);
    }

    private void action(String text) throws InterruptedException, SessionLink.GaveUpException {
        if (text.isEmpty()) {
            console.println("usage: /me action");
            return;
        }
        long seq = ++clientSeq;
        call("not sent: ", a -> {
            a.service().send(new SendRequest(a.session().token(), seq, checkedLength(a, text), true));
            return true;
        });
    }

    private void who() throws InterruptedException, SessionLink.GaveUpException {
        while (!link.isClosed()) {
            Attachment attachment = link.current();
            try {
                var members = attachment.service().who(attachment.session().token()).members();
                console.println(members.size() + " in the chat:");
                for (Member m : members) {
                    String you = m.you() ? " (you)" : "";
                    console.println("  " + m.name() + you + "  idle " + idle(m.idleSeconds()));
                }
                return;
            } catch (ChatException e) {
                console.println("⚠ " + e.getMessage());
                return;
            } catch (RemoteException e) {
                link.repair(attachment, false);
            }
        }
    }

    static String idle(long seconds) {
        if (seconds < 60) return seconds + " s";
        return seconds < 3600 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
