package org.rmichat.api;

import java.rmi.Remote;
import java.rmi.RemoteException;
import java.util.List;

/**
 * The one remote interface of rmichat, bound in the server's registry as {@link #REGISTRY_NAME}.
 *
 * <p>Identity is the {@link SessionToken} that {@link #join} returns: every later call presents it, and
 * no call accepts a user id in its place. Delivery is pull-based: the server queues events per session
 * and the client long-polls them in batches, acknowledging what it has received with each poll.
 */
public interface ChatService extends Remote {

    String REGISTRY_NAME = "chat";

    /**
     * Enters the chat; everyone else receives {@link UserJoined}, or, on a server with more sessions than its
     * announce limit, a {@link PresenceDigest} telling of it with the others who came and went meanwhile.
     */
    Session join(JoinRequest request) throws RemoteException, ChatException;

    /**
     * Posts a line to everyone but its sender. Idempotent per {@link SendRequest#clientSeq()}: a number the
     * session has already had accepted is acknowledged again but not delivered again, so a client may retry
     * a send whose reply was lost.
     */
    void send(SendRequest request) throws RemoteException, ChatException;

    /**
     * Sends a line to one person, found by name ignoring case; only they receive {@link PrivateMessage}, in
     * the same order as everything else they receive. Idempotent per {@link PrivateRequest#clientSeq()},
     * which shares its sequence with {@link SendRequest#clientSeq()}. Throws {@link NoSuchUserException}
     * when no one has that name.
     */
    void sendPrivate(PrivateRequest request) throws RemoteException, ChatException;

    /**
     * Renames the session and returns the name now held; everyone, the caller included, receives
     * {@link NickChanged}. Names stay unique ignoring case ({@link NameTakenException}) and follow the join
     * rules ({@link InvalidNameException}); changing only the case of one's own name is allowed.
     */
    String nick(NickRequest request) throws RemoteException, ChatException;

    /**
     * Returns the events after {@link PollRequest#ack()}: at once if any are queued (up to the batch limit),
     * otherwise after waiting at most {@link PollRequest#waitMillis()} (capped by the server) with an empty
     * batch. Events up to the ack are released; the rest are returned again until acknowledged. A client that
     * receives lines faster than the server's poll budget allows is answered at most once per (clients /
     * budget) seconds, with everything that arrived meanwhile.
     */
    PollResult poll(PollRequest request) throws RemoteException, ChatException;

    /**
     * Like {@link #poll}, but the reply streams (since protocol {@link Protocol#STREAM}): the events after
     * {@link PollRequest#ack()} first, then each new batch as it arrives, and a keep-alive frame whenever the
     * stream was quiet for a while, until {@link PollRequest#waitMillis()} (capped by the server) have passed or
     * {@link PollStream#MAX_BYTES} were sent. Everything streamed stays in flight until the next poll
     * acknowledges it. A closed session ends the stream with the reason ({@link PollStream#closedReason()}).
     */
    PollStream pollStream(PollRequest request) throws RemoteException, ChatException;

    /**
     * Leaves the chat at once; everyone else receives {@link UserLeft} with {@link UserLeft.Reason#QUIT}, or in a
     * {@link PresenceDigest} as {@link #join} says.
     */
    void leave(SessionToken token) throws RemoteException, ChatException;

    /** Everyone in the chat now, in order of joining. */
    MemberList who(SessionToken token) throws RemoteException, ChatException;

    /**
     * Joins a room, creating it if nobody is in it, and returns it as the chat sees it now; its other members
     * receive {@link RoomJoined}. Joining a room one is in changes nothing. Since protocol {@link Protocol#ROOMS}.
     */
    RoomInfo joinRoom(RoomRequest request) throws RemoteException, ChatException;

    /** Leaves a room; its other members receive {@link RoomLeft}. The last room one is in cannot be left. */
    void partRoom(RoomRequest request) throws RemoteException, ChatException;

    /** Every room of the chat with its member count and topic, by name. */
    List<RoomInfo> rooms(SessionToken token) throws RemoteException, ChatException;

    /** Shows, or with a topic sets, a room's topic; its members receive {@link TopicChanged}. */
    RoomInfo topic(TopicRequest request) throws RemoteException, ChatException;

    /** Everyone in one room, in order of joining the chat. */
    MemberList whoIn(RoomRequest request) throws RemoteException, ChatException;

    /**
     * A page of a room's history: lines (public, actions, and the asker's own private lines with the default
     * room) before a position, for the asker only as the one audience rule allows (a member of the room, a party
     * to the private line). Since protocol {@link Protocol#HISTORY}; a server keeping no history returns empty
     * pages.
     */
    HistoryPage history(HistoryRequest request) throws RemoteException, ChatException;
    /**
     * Marks the session away with a reason, or back when {@link AwayRequest#text()} is null or blank; the text
     * follows the rules of a line, at most {@link AwayRequest#MAX_LENGTH} characters. Nothing is announced:
     * {@link #who} and {@link #whois} show it. Returns the text now held, null when back. Since protocol
     * {@link Protocol#AWAY}.
     */
    String away(AwayRequest request) throws RemoteException, ChatException;

    /**
     * One person, found by name ignoring case on any server of the chat; {@link NoSuchUserException} when no
     * one has that name. Since protocol {@link Protocol#AWAY}.
     */
    MemberDetails whois(WhoisRequest request) throws RemoteException, ChatException;

    /** Does nothing: a liveness check, and the floor a benchmark measures a bare round trip with. */
    void ping() throws RemoteException;
}
