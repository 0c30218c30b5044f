package org.rmichat.client;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.rmichat.api.ActionPosted;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.HistoryLine;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.MissedLines;
import org.rmichat.api.Protocol;
import org.rmichat.client.console.Console;
import org.rmichat.client.console.Theme;

/**
 * What the user sees of the chat: each event formatted, styled, optionally timestamped, and a bell when
 * someone says their name. Both client threads print through it; the {@link Console} keeps the lines whole.
 */
final class ChatView {
    /** Before a line that mentions you when no colour can highlight it, as mail quotes and irssi's hilights. */
    static final String MENTION_MARK = "> ";

    private final Console console;
    private final DisplayOptions options;
    private final Theme theme;
    private final EventFormatter formatter;
    private final Clock clock;
    private final RoomState rooms;
    private final KnownNames names;
    private final Supplier<String> myName;
    /** Events still to come of the run of missed ones announced last; only the listener thread shows events. */
    private int missedToCome;

    ChatView(Console console, DisplayOptions options, Supplier<String> myName, Clock clock) {
        this(console, options, myName, clock, new RoomState(Protocol.DEFAULT_ROOM));
    }

    ChatView(Console console, DisplayOptions options, Supplier<String> myName, Clock clock, RoomState rooms) {
        this(console, options, myName, clock, rooms, new KnownNames());
    }

    ChatView(Console console, DisplayOptions options, Supplier<String> myName, Clock clock, RoomState rooms,
             KnownNames names) {
        this.names = names;
        this.console = console;
        this.options = options;
        this.theme = Theme.of(options.colour());
        this.rooms = rooms;
        this.formatter = new EventFormatter(theme, myName, rooms::labelFor, clock.getZone());
        this.myName = myName;
        this.clock = clock;
    }

    void show(ChatEvent event) {
        names.saw(event);
        boolean mentioned = formatter.mentionsMe(event);
        for (AttributedString line : formatter.lines(event)) console.println(marked(stamped(line), mentioned));
        if (!options.quiet() && mentioned) console.bell();
        String room = event instanceof MessagePosted m ? m.room() : event instanceof ActionPosted a ? a.room() : null;
        if (event instanceof MessagePosted || event instanceof ActionPosted) {
            rooms.arrived(room);
            roomsChanged();
        }
        endOfMissed(event);
    }

    /** After the last of a run of missed events, where the live ones begin, as after scrollback. */
    private void endOfMissed(ChatEvent event) {
        if (event instanceof MissedLines missed) {
            missedToCome = missed.count();   // a run cut short by another coming back is simply replaced
        } else if (missedToCome > 0 && --missedToCome == 0) {
            console.println(new AttributedString(Scrollback.NOW, theme.system()));
        }
    }

    /**
     * A line this user typed, as the others see it ({@code alice: hi}, {@code * alice waves}), to stay on their
     * screen in its place; empty for a command, which stays as typed.
     */
    Optional<AttributedString> own(String typed) {
        String me = myName.get();
        ChatCommand command = ChatCommand.parse(typed);
        if (command instanceof ChatCommand.Say say) {
            return Optional.of(stamped(formatter.message(new MessagePosted(0, me, say.text(), rooms.current()))));
        }
        if (command instanceof ChatCommand.Act act) {
            return Optional.of(stamped(formatter.action(new ActionPosted(0, me, act.text(), rooms.current()))));
        }
        return Optional.empty();
    }

    /**
     * Lines from history: dimmed, each with the time the server took it ({@code [14:02] alice: hi}); no bell, no
     * unread counts, since none of it is new. One's own private lines look as they did when sent.
     */
    void showHistory(List<HistoryLine> lines, String myName) {
        for (HistoryLine line : lines) {
            String time = "[" + formatter.clockTime(line.atMillis()) + "] ";
            List<AttributedString> formatted = line.event() instanceof PrivateMessage p && p.from().equals(myName)
                    ? List.of(formatter.privateSent(p.to(), p.text())) : formatter.lines(line.event());
            for (AttributedString text : formatted) {
                console.println(new AttributedStringBuilder().append(time, theme.system())
                        .append(text.toString(), theme.system()).toAttributedString());
            }
        }
    }

    /** The rooms or the current room changed: the prompt says so. */
    void roomsChanged() {
        console.setPrompt(rooms.prompt());
    }

    /** A line for the user alone. */
    void say(String line) {
        console.println(line);
    }

    /** The sender's own record of a private message it sent. */
    void showPrivateSent(String to, String text) {
        console.println(stamped(formatter.privateSent(to, text)));
    }

    private AttributedString marked(AttributedString line, boolean mentioned) {
        if (!mentioned || !options.markMentions()) return line;
        return new AttributedStringBuilder().append(MENTION_MARK).append(line).toAttributedString();
    }

    private AttributedString stamped(AttributedString line) {
        if (!options.timestamps()) return line;
        String time = formatter.clockTime(clock.millis());
        return new AttributedStringBuilder()
                .append("[" + time + "]", theme.system()).append(" ")
                .append(line)
                .toAttributedString();
    }
}
