package org.rmichat.server.core;

import java.util.Objects;

/**
 * An envelope as the bus hands it out, with its place in the bus order.
 *
 * @param position opaque to everyone but the bus that made it; {@code null} for a local notice, which is in
 *                 no bus
 * @param atMillis when the server took it (the server's or Redis's clock), where the bus read it back from its
 *                 history (a replay); 0 when not known
 */
public record Delivery(String position, Envelope envelope, long atMillis) {
    public Delivery {
        Objects.requireNonNull(envelope, "envelope");
    }

    public Delivery(String position, Envelope envelope) {
        this(position, envelope, 0);
    }

    static Delivery local(Envelope envelope) {
        return new Delivery(null, envelope);
    }
}
