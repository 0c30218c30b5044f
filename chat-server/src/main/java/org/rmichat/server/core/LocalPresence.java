package org.rmichat.server.core;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.rmichat.api.ChatException;

/** One server alone: names are the session registry's, and joins and leaves are simply published. */
public final class LocalPresence implements Presence {
    private final EventBus bus;

    public LocalPresence(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public Arrival claim(PresenceClaim claim, Envelope joined, Envelope obituary) throws ChatException {
        bus.publish(joined);
        return Arrival.NEW;
    }

    @Override
    public void release(PresenceClaim claim, Envelope left) {
        try {
            bus.publish(left);
        } catch (ChatException e) {
            throw new IllegalStateException("a local bus refused an event", e);
        }
    }

    /** The registry already made the name unique on this one server: only the line is left to announce. */
    @Override
    public void rename(PresenceClaim claim, String newName, Envelope renamed, Envelope newObituary)
            throws ChatException {
        bus.publish(renamed);
    }

    @Override
    public Set<Long> renew(Collection<PresenceClaim> claims) {
        return Set.of();
    }

    @Override
    public void sweep() {
    }

    @Override
    public Optional<List<Present>> members() {
        return Optional.empty();
    }
}
