package org.rmichat.api;

import java.io.Serial;
import java.util.List;

/**
 * Who joined and who left in a large chat, or one room of it, since the last digest, sent instead of one
 * {@link UserJoined} or {@link UserLeft} (or {@link RoomJoined} or {@link RoomLeft}) per person so that a crowd
 * arriving costs each client one event a second, not one per arrival. At most {@link #MAX_NAMES} people are
 * named per list, in the order they came or went; the rest are only counted, so the event stays small however
 * many there were. It never names its receiver.
 *
 * @param joined     the first people who joined, as their join events
 * @param moreJoined how many more joined beyond those named
 * @param left       the first people who left, as their leave events (with the reason each left)
 * @param moreLeft   how many more left beyond those named
 * @param room       the room they joined or left (protocol 3); null for the chat itself, its default room
 */
public record PresenceDigest(List<UserJoined> joined, int moreJoined, List<UserLeft> left, int moreLeft,
                             String room) implements ChatEvent {
    @Serial private static final long serialVersionUID = 1L;

    /** Most people named in each list. */
    public static final int MAX_NAMES = 20;

    public PresenceDigest {
        joined = List.copyOf(joined);
        left = List.copyOf(left);
        if (joined.size() > MAX_NAMES) throw new IllegalArgumentException("joined names > " + MAX_NAMES);
        if (left.size() > MAX_NAMES) throw new IllegalArgumentException("left names > " + MAX_NAMES);
        if (moreJoined < 0) throw new IllegalArgumentException("moreJoined < 0: " + moreJoined);
        if (moreLeft < 0) throw new IllegalArgumentException("moreLeft < 0: " + moreLeft);
        // a count with no names in front of it would read "and 3 others joined" after nobody
        if (moreJoined > 0 && joined.isEmpty()) throw new IllegalArgumentException("moreJoined without names");
        if (moreLeft > 0 && left.isEmpty()) throw new IllegalArgumentException("moreLeft without names");
        if (joined.isEmpty() && left.isEmpty()) throw new IllegalArgumentException("empty digest");
    }

    /** Who joined and left the chat itself. */
    public PresenceDigest(List<UserJoined> joined, int moreJoined, List<UserLeft> left, int moreLeft) {
        this(joined, moreJoined, left, moreLeft, null);
    }

    /** Everyone who joined, named or counted. */
    public int joinedCount() {
        return joined.size() + moreJoined;
    }

    /** Everyone who left, named or counted. */
    public int leftCount() {
        return left.size() + moreLeft;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.presence(this);
    }
}
