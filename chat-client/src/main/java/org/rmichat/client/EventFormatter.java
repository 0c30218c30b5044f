package org.rmichat.client;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.rmichat.api.ActionPosted;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.MissedLines;
import org.rmichat.api.NickChanged;
import org.rmichat.api.Notice;
import org.rmichat.api.UnknownEvent;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.TopicChanged;
import java.util.function.Function;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.rmichat.client.console.Theme;

/**
 * Turns each kind of event into the line people see. Pure; every kind handled. The text is the same with
 * colours on or off; the {@link Theme} only adds styles, so {@link #format} is what a pipe or a test sees.
 */
public final class EventFormatter implements ChatEvent.Visitor<AttributedString> {
    static final String CANNOT_SHOW = "(an event this client cannot show; upgrade rmichat)";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private final Theme theme;
    private final Supplier<String> myName;
    private final Function<String, String> roomLabel;
    private final ZoneId zone;

    /** Plain lines, no mentions, no room labels: for tests and tools. */
    public EventFormatter() {
        this(Theme.plain(), () -> null);
    }

    /** @param myName this client's current name, for highlighting mentions; it changes with /nick */
    public EventFormatter(Theme theme, Supplier<String> myName) {
        this(theme, myName, room -> "");
    }

    /**
     * @param roomLabel what goes before a line of a room ({@code "[#dev] "} for a room not in view; "" for the
     *                  current room, or when the client is in one room only); the room is null for the default
     *                  room of a server of before rooms
     */
    public EventFormatter(Theme theme, Supplier<String> myName, Function<String, String> roomLabel) {
        this(theme, myName, roomLabel, ZoneId.systemDefault());
    }

    /** @param zone where the user is, for the times of lines the server took earlier */
    public EventFormatter(Theme theme, Supplier<String> myName, Function<String, String> roomLabel, ZoneId zone) {
        this.theme = theme;
        this.myName = myName;
        this.roomLabel = roomLabel;
        this.zone = zone;
    }

    public String format(ChatEvent event) {
        return styled(event).toString();
    }

    /** The event as one styled string; a digest of both joins and leaves holds two lines, joined by a newline. */
    public AttributedString styled(ChatEvent event) {
        return event.accept(this);
    }

    /** The event as the lines to print, each on its own: one, or two for a digest of both joins and leaves. */
    public List<AttributedString> lines(ChatEvent event) {
        return event instanceof PresenceDigest digest ? presenceLines(digest) : List.of(styled(event));
    }

    /** Whether someone said this client's name in the event's text. */
    public boolean mentionsMe(ChatEvent event) {
        String text = event.accept(new TextOf());
        return text != null && Mentions.mentions(text, myName.get());
    }

    /** What the sender of a private message sees once it is sent: {@code → bob: text}. */
    public AttributedString privateSent(String to, String text) {
        return new AttributedStringBuilder()
                .append("→", theme.privateTag()).append(" ")
                .append(to, theme.nick(to)).append(": ")
                .append(text, theme.privateText())
                .toAttributedString();
    }

    @Override
    public AttributedString joined(UserJoined event) {
        return system("🔵 " + event.name() + " joined");
    }

    @Override
    public AttributedString left(UserLeft event) {
        return system("🔴 " + event.name() + " left" + why(event.reason()));
    }

    private static String why(UserLeft.Reason reason) {
        return switch (reason) {
            case QUIT, OTHER -> "";
            case TIMED_OUT -> " (timed out)";
            case TOO_SLOW -> " (too far behind)";
        };
    }

    @Override
    public AttributedString presence(PresenceDigest event) {
        return AttributedString.join(AttributedString.NEWLINE, presenceLines(event));
    }

    /**
     * Joins on one line and leaves on another, each reading like the single line it stands for: one person is
     * exactly {@link #joined} or {@link #left} (or {@link #roomJoined}, {@link #roomLeft} in a room), more are
     * {@code 🔵 alice, bob and carol joined}, and beyond the names the server sent, {@code 🔵 alice, bob and 37
     * others joined #dev}. In a list of leaves each name keeps its reason, {@code 🔴 alice, bob (timed out) and
     * carol left}, as the single line would.
     */
    private List<AttributedString> presenceLines(PresenceDigest event) {
        String where = event.room() == null ? "" : " " + event.room();
        List<AttributedString> lines = new ArrayList<>(2);
        if (event.joinedCount() == 1) {
            lines.add(system("🔵 " + event.joined().get(0).name() + " joined" + where));
        } else if (event.joinedCount() > 1) {
            List<String> names = event.joined().stream().map(UserJoined::name).toList();
            lines.add(system("🔵 " + together(names, event.moreJoined()) + " joined" + where));
        }
        if (event.leftCount() == 1) {
            UserLeft one = event.left().get(0);
            lines.add(system("🔴 " + one.name() + " left" + where + why(one.reason())));
        } else if (event.leftCount() > 1) {
            List<String> names = event.left().stream().map(e -> e.name() + why(e.reason())).toList();
            lines.add(system("🔴 " + together(names, event.moreLeft()) + " left" + where));
        }
        return lines;
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}, {@code a, b and 1 other}, {@code a, b and 37 others}. */
    private static String together(List<String> names, int more) {
        List<String> parts = new ArrayList<>(names);
        if (more > 0) parts.add(more + (more == 1 ? " other" : " others"));
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    @Override
    public AttributedString message(MessagePosted event) {
        return new AttributedStringBuilder()
                .append(roomLabel.apply(event.room()), theme.system())
                .append(event.name(), theme.nick(event.name())).append(": ")
                .append(event.text(), textStyle(event.text(), AttributedStyle.DEFAULT))
                .toAttributedString();
    }

    @Override
    public AttributedString notice(Notice event) {
        return system("⚠ " + event.text());
    }

    @Override
    public AttributedString roomJoined(RoomJoined event) {
        return system("🔵 " + event.name() + " joined " + event.room());
    }

    @Override
    public AttributedString roomLeft(RoomLeft event) {
        return system("🔴 " + event.name() + " left " + event.room());
    }

    @Override
    public AttributedString topicChanged(TopicChanged event) {
        return system(event.topic().isEmpty() ? "📌 " + event.by() + " cleared the topic of " + event.room()
                : "📌 " + event.room() + ": " + event.topic() + " (set by " + event.by() + ")");
    }

    /** {@code 14:02}: the time of day, where the user is, of an instant in milliseconds since the epoch. */
    public String clockTime(long epochMillis) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).format(HH_MM);
    }

    /** {@code ── 3 lines you missed, since 14:02 ──}: what follows was said while this client was away. */
    @Override
    public AttributedString missedLines(MissedLines event) {
        String count = event.count() == 1 ? "1 line" : event.count() + " lines";
        String when = "";
        if (event.sinceMillis() > 0) {
            when = (event.count() == 1 ? ", at " : ", since ") + clockTime(event.sinceMillis());
        }
        return system("── " + count + " you missed" + when + " ──");
    }

    /** A kind of event from a newer server: one line, and the chat goes on. */
    @Override
    public AttributedString unknown(UnknownEvent event) {
        return system(CANNOT_SHOW);
    }

    @Override
    public AttributedString nickChanged(NickChanged event) {
        return system("✏ " + event.oldName() + " is now known as " + event.newName());
    }

    @Override
    public AttributedString privateMessage(PrivateMessage event) {
        return new AttributedStringBuilder()
                .append("[private]", theme.privateTag()).append(" ")
                .append(event.from(), theme.nick(event.from())).append(": ")
                .append(event.text(), textStyle(event.text(), theme.privateText()))
                .toAttributedString();
    }

    @Override
    public AttributedString action(ActionPosted event) {
        return new AttributedStringBuilder()
                .append(roomLabel.apply(event.room()), theme.system())
                .append("* ")
                .append(event.name(), theme.nick(event.name())).append(" ")
                .append(event.text(), textStyle(event.text(), theme.action()))
                .toAttributedString();
    }

    private AttributedString system(String text) {
        return new AttributedString(text, theme.system());
    }

    private AttributedStyle textStyle(String text, AttributedStyle otherwise) {
        return Mentions.mentions(text, myName.get()) ? theme.mention() : otherwise;
    }

    /** The words someone typed, for the events that carry some. */
    private static final class TextOf implements ChatEvent.Visitor<String> {
        @Override
        public String joined(UserJoined event) {
            return null;
        }

        @Override
        public String left(UserLeft event) {
            return null;
        }

        @Override
        public String message(MessagePosted event) {
            return event.text();
        }

        @Override
        public String notice(Notice event) {
            return null;
        }

        @Override
        public String nickChanged(NickChanged event) {
            return null;
        }

        @Override
        public String unknown(UnknownEvent event) {
            return null;
        }

        @Override
        public String roomJoined(RoomJoined event) {
            return null;
        }

        @Override
        public String roomLeft(RoomLeft event) {
            return null;
        }

        @Override
        public String topicChanged(TopicChanged event) {
            return event.topic();
        }

        @Override
        public String privateMessage(PrivateMessage event) {
            return event.text();
        }

        @Override
        public String action(ActionPosted event) {
            return event.text();
        }

        @Override
        public String presence(PresenceDigest event) {
            return null;
        }

        @Override
        public String missedLines(MissedLines event) {
            return null;
        }
    }
}
