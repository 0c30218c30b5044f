package org.rmichat.api;

import java.io.Serializable;

/**
 * Everything a session can receive. Sealed, and handled through {@link Visitor} so that adding a kind of
 * event breaks every client that does not yet show it, at compile time (a pattern {@code switch} over a
 * sealed type is still a preview on Java 17).
 */
public sealed interface ChatEvent extends Serializable
        permits UserJoined, UserLeft, MessagePosted, Notice, NickChanged, PrivateMessage, ActionPosted,
                PresenceDigest, RoomJoined, RoomLeft, TopicChanged, MissedLines, UnknownEvent {

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R joined(UserJoined event);

        R left(UserLeft event);

        R message(MessagePosted event);

        R notice(Notice event);

        R nickChanged(NickChanged event);

        R privateMessage(PrivateMessage event);

        R action(ActionPosted event);

        R presence(PresenceDigest event);

        R roomJoined(RoomJoined event);

        R roomLeft(RoomLeft event);

        R topicChanged(TopicChanged event);

        /** The start of a run of replayed events (protocol 4). */
        R missedLines(MissedLines event);

        /** An event of a kind this build does not know (from a newer peer). */
        R unknown(UnknownEvent event);
    }
}
