package org.rmichat.api;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;

/**
 * How a {@link PollRequest} travels: its serialization proxy, five primitive fields.
 *
 * <p>The poll is the one call every client repeats for every batch it receives, and RMI writes each call with
 * a fresh object stream: as records, every poll carried two class descriptors (the request and its token),
 * each resolved through RMI's class loader and built through a record constructor on the server. As one class
 * of primitives it carries one descriptor and no nested object. The request is rebuilt through its
 * constructor, so its checks still guard what arrives.
 */
final class PollRequestWire implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    private final long tokenHigh;
    private final long tokenLow;
    private final long ack;
    private final int maxBatch;
    private final long waitMillis;

    PollRequestWire(PollRequest request) {
        this.tokenHigh = request.token().high();
        this.tokenLow = request.token().low();
        this.ack = request.ack();
        this.maxBatch = request.maxBatch();
        this.waitMillis = request.waitMillis();
    }

    @Serial
    private Object readResolve() throws InvalidObjectException {
        try {
            return new PollRequest(new SessionToken(tokenHigh, tokenLow), ack, maxBatch, waitMillis);
        } catch (IllegalArgumentException e) {
            InvalidObjectException invalid = new InvalidObjectException("malformed poll request: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }
}
