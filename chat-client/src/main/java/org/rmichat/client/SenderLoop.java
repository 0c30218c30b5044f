package org.rmichat.client;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.rmichat.api.Member;
import org.rmichat.client.console.Console;

/**
 * The sender thread's work: takes typed lines from the outbox in order, parses each ({@link ChatCommand}) and
 * carries it out through the {@link Connection}, which decides what a failure means. Each line sent gets the
 * next client sequence number; a resend after a failure keeps it, and the server accepts each number once.
 *
 * <p>Commands run here in the same order as the lines around them, so {@code /nick} takes effect exactly
 * between the lines typed before and after it. Private lines and actions take their numbers from the same
 * sequence as ordinary lines.
 */
final class SenderLoop implements Runnable {
    /** Put in the outbox to say the user is done: /quit or end of input. Compared by identity. */
    static final String END = new String("/quit");

    interface Finish {
        void done();

        void gaveUp(SessionLink.GaveUpException e);
    }

    /** Carries out one command. */
    private interface Step {
        void run() throws InterruptedException, SessionLink.GaveUpException;
    }

    /** /quit: ends the loop instead of running. */
    private static final Step QUIT = () -> { };

    private final BlockingQueue<String> outbox;
    private final Connection connection;
    private final Console console;
    private final ChatView view;
    private final Finish finish;
    private long clientSeq;

    SenderLoop(BlockingQueue<String> outbox, Connection connection, Console console, ChatView view, Finish finish) {
        this.outbox = outbox;
        this.connection = connection;
        this.console = console;
        this.view = view;
        this.finish = finish;
    }

    @Override
    public void run() {
        try {
            while (true) {
                String line = outbox.take();
                Step step = line == END ? QUIT : ChatCommand.parse(line).accept(steps);
                if (step == QUIT) break;
                step.run();
            }
            finish.done();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the client is closing
        } catch (SessionLink.GaveUpException e) {
            finish.gaveUp(e);
        }
    }

    private final ChatCommand.Visitor<Step> steps = new ChatCommand.Visitor<>() {
        @Override
        public Step say(ChatCommand.Say c) {
            return () -> connection.send(++clientSeq, c.text(), false);
        }

        @Override
        public Step act(ChatCommand.Act c) {
            return () -> connection.send(++clientSeq, c.text(), true);
        }

        @Override
        public Step whisper(ChatCommand.Whisper c) {
            return () -> {
                if (connection.sendPrivate(++clientSeq, c.to(), c.text())) view.showPrivateSent(c.to(), c.text());
            };
        }

        @Override
        public Step rename(ChatCommand.Rename c) {
            // everyone, us included, sees the server's NickChanged line; the connection only remembers the name
            return () -> connection.nick(c.name());
        }

        @Override
        public Step who(ChatCommand.Who c) {
            return () -> {
                connection.who().ifPresent(SenderLoop.this::showMembers);
            };
        }

        @Override
        public Step answer(ChatCommand.Answer c) {
            return () -> c.lines().forEach(console::println);
        }

        @Override
        public Step quit(ChatCommand.Quit c) {
            return QUIT;
        }
    };

    private void showMembers(List<Member> members) {
        console.println(members.size() + " in the chat:");
        for (Member m : members) {
            String you = m.you() ? " (you)" : "";
            console.println("  " + m.name() + you + "  idle " + idle(m.idleSeconds()));
        }
    }

    static String idle(long seconds) {
        if (seconds < 60) return seconds + " s";
        return seconds < 3600 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
