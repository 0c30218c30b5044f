package org.rmichat.server.core;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.rmichat.api.ChatException;
import org.rmichat.api.Member;

/**
 * Who is in the chat beyond this server, and the joined and left lines that go with it. Alone, a server needs
 * none of it ({@link LocalPresence}); in a cluster the names, leases and announcements live where every
 * server sees them, and each check-and-announce is one atomic step, so each line is announced once.
 */
public interface Presence {

    /** How a claim went: a new arrival is announced; a returning client (fail-over) is not. */
    enum Arrival { NEW, RETURNING }

    /**
     * Claims the name for the client, announcing {@code joined} if it is a new arrival. {@code obituary} is
     * what to announce if this server dies and the claim lapses.
     */
    Arrival claim(PresenceClaim claim, Envelope joined, Envelope obituary) throws ChatException;

    /** Gives the name up and announces {@code left}, unless the client has taken its name elsewhere. */
    void release(PresenceClaim claim, Envelope left);

    /**
     * Renews the leases of all of this server's sessions in one go (a store across the network pays one round
     * trip per tick, not one per session); returns the client ids whose names another server has taken over,
     * so this one drops those sessions.
     */
    Set<Long> renew(Collection<PresenceClaim> claims);

    /** Announces, once in the whole cluster, everyone whose lease lapsed (their server died). */
    void sweep();

    /** Everyone on every server, in order of joining; empty when only this server's sessions count. */
    Optional<List<Present>> members();

    /**
     * Moves the client's name claim to {@code newName} and announces {@code renamed}, in one step: two people
     * racing for one name on two servers, exactly one gets it, the other {@link org.rmichat.api.NameTakenException}.
     * {@code claim} holds the old name.
     */
    void rename(PresenceClaim claim, String newName, Envelope renamed, Envelope newObituary) throws ChatException;

    /** Tells the store the session's rooms changed (a join or part), so every server's lists are right. */
    default void roomsChanged(PresenceClaim claim) {
    }

    /**
     * Records that the client is away ({@code away} its text) or back (null), so every server's lists show it.
     * Cleared with the client's presence on release and sweep.
     */
    default void awayChanged(PresenceClaim claim, String away) throws ChatException {
    }

    /**
     * One person in the chat, with the client id that tells the asker apart from everyone else.
     *
     * @param joinedAtMillis when it joined, by its server's wall clock
     * @param away           why it is away, or null
     * @param server         the id of the server it is on; null when only this server counts
     * @param rooms          the rooms it is in, names as given; empty from a store that does not know
     */
    record Present(long clientId, long userId, String name, long joinedAtMillis, long idleSeconds, String away,
                   String server, List<String> rooms) {
        public Present {
            rooms = List.copyOf(rooms);
        }

        /** This person as {@code asker} sees it in a list. */
        public Member member(long askerClientId) {
            return new Member(userId, name, idleSeconds, clientId == askerClientId, away);
        }
    }
}
