package org.rmichat.server.core;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.ServerFullException;
import org.rmichat.api.SessionToken;

/**
 * The live sessions by token, their names (unique ignoring case), and recently ended sessions' reasons so a
 * client can be told why its token stopped working.
 */
final class SessionRegistry {
    private static final int MAX_TOMBSTONES = 10_000;

    private final Map<SessionToken, ClientSession> byToken = new ConcurrentHashMap<>();
    private final Map<String, ClientSession> byName = new ConcurrentHashMap<>();
    private final Map<SessionToken, String> endedReasons = new ConcurrentHashMap<>();
    private final Deque<SessionToken> endedInOrder = new ArrayDeque<>();   // guarded by this: oldest first
    private final AtomicLong nextUserId = new AtomicLong();
    private final AtomicInteger reserved = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final int maxClients;

    SessionRegistry(int maxClients) {
        this.maxClients = maxClients;
    }

    /** A place for one more session, or {@link ServerFullException}; release it if the join fails. */
    void reserveSlot() throws ServerFullException {
        if (reserved.incrementAndGet() > maxClients) {
            reserved.decrementAndGet();
            throw new ServerFullException();
        }
    }

    void releaseSlot() {
        reserved.decrementAndGet();
    }

    long nextUserId() {
        return nextUserId.getAndIncrement();
    }

    SessionToken newToken() {
        return new SessionToken(random.nextLong(), random.nextLong());
    }

    /** A random cluster-unique client id for a client that did not bring one; never {@link Envelope#NO_ORIGIN}. */
    long newClientId() {
        long clientId;
        do {
            clientId = random.nextLong();
        } while (clientId == Envelope.NO_ORIGIN);
        return clientId;
    }

    Optional<ClientSession> findByName(String name) {
        return Optional.ofNullable(byName.get(key(name)));
    }

    /** Claims the session's name and registers it; fails if someone holds the name. */
    void add(ClientSession session) throws NameTakenException {
        if (byName.putIfAbsent(key(session.name()), session) != null) {
            throw new NameTakenException("name \"" + session.name() + "\" is taken");
        }
        byToken.put(session.token(), session);
    }

    /**
     * Gives {@code session} the new name, keeping names unique ignoring case; a change of case only is its own
     * name, not a clash. Returns the old name.
     */
    String rename(ClientSession session, String newName) throws NameTakenException {
        String oldName = session.name();
        String oldKey = key(oldName);
        String newKey = key(newName);
        if (!newKey.equals(oldKey) && byName.putIfAbsent(newKey, session) != null) {
            throw new NameTakenException("name \"" + newName + "\" is taken");
        }
        session.rename(newName);
        if (!newKey.equals(oldKey)) byName.remove(oldKey, session);
        // a remove() that ran meanwhile freed the old name only; free the new one too
        if (!byToken.containsKey(session.token())) byName.remove(newKey, session);
        return oldName;
    }

    boolean isNameFree(String name) {
        return !byName.containsKey(key(name));
    }

    Optional<ClientSession> find(SessionToken token) {
        return Optional.ofNullable(byToken.get(token));
    }

    /** Why the session behind {@code token} ended, if it ended recently and not by leaving. */
    Optional<String> endedReason(SessionToken token) {
        return Optional.ofNullable(endedReasons.get(token));
    }

    /** Removes the session; true for the one caller that removed it, so it is announced once. */
    synchronized boolean remove(ClientSession session, Optional<String> reason) {
        if (byToken.get(session.token()) != session) return false;
        // the reason before the removal: a poll that no longer finds the session must find why it ended
        reason.ifPresent(r -> {
            // the oldest reason makes room, never the latest: a client evicted a moment ago must still find why
            if (endedInOrder.size() >= MAX_TOMBSTONES) endedReasons.remove(endedInOrder.removeFirst());
            endedReasons.put(session.token(), r);
            endedInOrder.addLast(session.token());
        });
        byToken.remove(session.token(), session);
        byName.remove(key(session.name()), session);
        releaseSlot();
        return true;
    }

    Collection<ClientSession> all() {
        return byToken.values();
    }

    List<ClientSession> inJoinOrder() {
        List<ClientSession> members = new ArrayList<>(byToken.values());
        members.sort(Comparator.comparingLong(ClientSession::userId));
        return members;
    }

    int size() {
        return byToken.size();
    }

    /** The key two names share when they count as one name. */
    String keyOf(String name) {
        return key(name);
    }

    private static String key(String name) {
        return TextRules.nameKey(name);
    }
}
