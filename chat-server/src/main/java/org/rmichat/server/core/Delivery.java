package org.rmichat.server.core;

import java.util.Objects;

/**
 * An envelope as the bus hands it out, with its place in the bus order.
 *
 * @param position opaque to everyone but the bus that made it; {@code null} for a local notice, which is in
 *                 no bus
 */
public record Delivery(String position, Envelope envelope) {
    public Delivery {
        Objects.requireNonNull(envelope, "envelope");
    }

    static Delivery local(Envelope envelope) {
        return new Delivery(null, envelope);
    }
}
