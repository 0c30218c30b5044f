package org.rmichat.client;

import java.time.ZoneId;
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
    private final RoomState rooms;
    private final Finish finish;
    private long clientSeq;
    private final LinesHandled handled;
    private final Scrollback scrollback;

    SenderLoop(BlockingQueue<String> outbox, Connection connection, Console console, ChatView view, Finish finish) {
        this(outbox, connection, console, view, new RoomState(org.rmichat.api.Protocol.DEFAULT_ROOM), finish);
    }

    SenderLoop(BlockingQueue<String> outbox, Connection connection, Console console, ChatView view, RoomState rooms,
               Finish finish) {
        this(outbox, connection, console, view, rooms, new LinesHandled(), finish);
    }

    SenderLoop(BlockingQueue<String> outbox, Connection connection, Console console, ChatView view, RoomState rooms,
               LinesHandled handled, Finish finish) {
        this(outbox, connection, console, view, rooms, handled, new Scrollback(connection, view, console), finish);
    }

    /** @param scrollback the client's one record of what it showed of each room's past */
    SenderLoop(BlockingQueue<String> outbox, Connection connection, Console console, ChatView view, RoomState rooms,
               LinesHandled handled, Scrollback scrollback, Finish finish) {
        this.handled = handled;
        this.outbox = outbox;
        this.connection = connection;
        this.console = console;
        this.view = view;
        this.rooms = rooms;
        this.finish = finish;
        this.scrollback = scrollback;
    }

    @Override
    public void run() {
        try {
            while (true) {
                String line = outbox.take();
                Step step = line == END ? QUIT : ChatCommand.parse(line).accept(steps);
                if (step == QUIT) break;
                step.run();
                handled.one();
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
            return () -> connection.send(++clientSeq, c.text(), false, roomToSay());
        }

        @Override
        public Step act(ChatCommand.Act c) {
            return () -> connection.send(++clientSeq, c.text(), true, roomToSay());
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
            if (c.room() != null) return () -> connection.whoIn(c.room()).ifPresent(m -> showMembers(m, c.room()));
            return () -> {
                connection.who().ifPresent(SenderLoop.this::showMembers);
            };
        }

        @Override
        public Step joinRoom(ChatCommand.JoinRoom c) {
            return () -> {
                var joined = connection.joinRoom(c.room());
                if (joined.isEmpty()) return;
                var info = joined.get();
                rooms.joined(info.room());
                view.roomsChanged();
                console.println("💬 Joined " + info.room() + " (" + people(info.members()) + "); lines you type go there"
                        + (rooms.count() > 1 ? " (/switch to change)" : ""));
                if (!info.topic().isEmpty()) console.println("📌 " + info.room() + ": " + info.topic());
                scrollback.onJoin(info.room());
            };
        }

        @Override
        public Step partRoom(ChatCommand.PartRoom c) {
            return () -> {
                String room = c.room() == null ? rooms.current() : c.room();
                if (!rooms.isIn(room)) {
                    console.println("⚠ you are not in " + room);
                    return;
                }
                if (connection.partRoom(room).isPresent()) {
                    rooms.parted(room);
                    view.roomsChanged();
                    console.println("👋 Left " + room + "; lines you type go to " + rooms.current());
                }
            };
        }

        @Override
        public Step switchRoom(ChatCommand.SwitchRoom c) {
            return () -> {
                var now = rooms.switchTo(c.room());
                if (now.isEmpty()) {
                    console.println("⚠ you are not in " + c.room() + "; /join " + c.room() + " first");
                    return;
                }
                view.roomsChanged();
                console.println("➡ lines you type go to " + now.get());
            };
        }

        @Override
        public Step listRooms(ChatCommand.ListRooms c) {
            return () -> connection.rooms().ifPresent(list -> {
                console.println(list.size() + (list.size() == 1 ? " room:" : " rooms:"));
                for (var info : list) {
                    console.println("  " + info.room() + "  " + people(info.members())
                            + (info.topic().isEmpty() ? "" : "  " + info.topic()));
                }
            });
        }

        @Override
        public Step myRooms(ChatCommand.MyRooms c) {
            return () -> console.println("you are in " + String.join(", ", rooms.all()) + "; lines you type go to "
                    + rooms.current());
        }

        @Override
        public Step topic(ChatCommand.Topic c) {
            String room = rooms.current();
            // a new topic comes back to everyone in the room, this client included, as a line of its own
            if (c.text() != null) return () -> connection.topic(room, c.text());
            return () -> connection.topic(room, null).ifPresent(info -> console.println(info.topic().isEmpty()
                    ? "📌 " + info.room() + " has no topic; /topic text sets one"
                    : "📌 " + info.room() + ": " + info.topic()));
        }

        @Override
        public Step history(ChatCommand.History c) {
            return () -> scrollback.earlier(rooms.current(), c.lines(), c.spanSeconds());
        }

        @Override
        public Step answer(ChatCommand.Answer c) {
            return () -> c.lines().forEach(console::println);
        }

        @Override
        public Step clear(ChatCommand.Clear c) {
            return console::clear;   // the keyboard clears at once; this only runs for a line queued otherwise
        }

        @Override
        public Step quit(ChatCommand.Quit c) {
            return QUIT;
        }

        @Override
        public Step away(ChatCommand.Away c) {
            return () -> connection.away(c.text()).ifPresent(held -> console.println(held.isEmpty()
                    ? "✅ you are back" : "💤 you are away: " + held));
        }

        @Override
        public Step whois(ChatCommand.Whois c) {
            return () -> connection.whois(c.name()).ifPresent(
                    who -> MemberLines.details(who, ZoneId.systemDefault()).forEach(console::println));
        }
    };

    /** The room a typed line goes to; null for the default room, which every server knows. */
    private String roomToSay() {
        return rooms.count() <= 1 ? null : rooms.current();
    }

    private static String people(int count) {
        return count == 1 ? "1 person" : count + " people";
    }

    private void showMembers(List<Member> members, String room) {
        showMembers(members.size() + " in " + room + ":", members);
    }

    private void showMembers(List<Member> members) {
        showMembers(members.size() + " in the chat:", members);
    }

    private void showMembers(String heading, List<Member> members) {
        MemberLines.members(heading, members).forEach(console::println);
    }
}
