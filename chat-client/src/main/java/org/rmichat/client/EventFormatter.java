package org.rmichat.client;

import java.util.function.Supplier;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.rmichat.api.ActionPosted;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.NickChanged;
import org.rmichat.api.Notice;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.rmichat.client.console.Theme;

/**
 * Turns each kind of event into the line people see. Pure; every kind handled. The text is the same with
 * colours on or off; the {@link Theme} only adds styles, so {@link #format} is what a pipe or a test sees.
 */
public final class EventFormatter implements ChatEvent.Visitor<AttributedString> {
    private final Theme theme;
    private final Supplier<String> myName;

    /** Plain lines, no mentions: for tests and tools. */
    public EventFormatter() {
        this(Theme.plain(), () -> null);
    }

    /** @param myName this client's current name, for highlighting mentions; it changes with /nick */
    public EventFormatter(Theme theme, Supplier<String> myName) {
        this.theme = theme;
        this.myName = myName;
    }

    public String format(ChatEvent event) {
        return styled(event).toString();
    }

    public AttributedString styled(ChatEvent event) {
        return event.accept(this);
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
        String why = switch (event.reason()) {
            case QUIT -> "";
            case TIMED_OUT -> " (timed out)";
            case TOO_SLOW -> " (too far behind)";
        };
        return system("🔴 " + event.name() + " left" + why);
    }

    @Override
    public AttributedString message(MessagePosted event) {
        return new AttributedStringBuilder()
                .append(event.name(), theme.nick(event.name())).append(": ")
                .append(event.text(), textStyle(event.text(), AttributedStyle.DEFAULT))
                .toAttributedString();
    }

    @Override
    public AttributedString notice(Notice event) {
        return system("⚠ " + event.text());
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
        public String privateMessage(PrivateMessage event) {
            return event.text();
        }

        @Override
        public String action(ActionPosted event) {
            return event.text();
        }
    }
}
