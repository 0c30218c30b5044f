package org.rmichat.client;

import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.Notice;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;

/** Turns each kind of event into the line people see. Pure; every kind handled. */
public final class EventFormatter implements ChatEvent.Visitor<String> {

    public String format(ChatEvent event) {
        return event.accept(this);
    }

    @Override
    public String joined(UserJoined event) {
        return "🔵 " + event.name() + " joined";
    }

    @Override
    public String left(UserLeft event) {
        String why = switch (event.reason()) {
            case QUIT -> "";
            case TIMED_OUT -> " (timed out)";
            case TOO_SLOW -> " (too far behind)";
        };
        return "🔴 " + event.name() + " left" + why;
    }

    @Override
    public String message(MessagePosted event) {
        return event.name() + ": " + event.text();
    }

    @Override
    public String notice(Notice event) {
        return "⚠ " + event.text();
    }
}
