package org.rmichat.server.core;

import java.util.List;
import java.util.Optional;
import org.rmichat.api.ChatException;

/** One server alone: names are the session registry's, and joins and leaves are simply published. */
public final class LocalPresence implements Presence {
    private final EventBus bus;

    public LocalPresence(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public Arrival claim(ClientSession session, Envelope joined, Envelope obituary) throws ChatException {
        bus.publish(joined);
        return Arrival.NEW;
    }

    @Override
    public void release(ClientSession session, Envelope left) {
        try {
            bus.publish(left);
        } catch (ChatException e) {
            throw new IllegalStateException("a local bus refused an event", e);
        }
    }

    @Override
    public boolean renew(ClientSession session) {
        return true;
    }

    @Override
    public void sweep() {
    }

    @Override
    public Optional<List<Present>> members() {
        return Optional.empty();
    }
}
