package org.rmichat.api;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link PollResult} travels: its serialization proxy, one {@code byte[]}.
 *
 * <p>RMI writes every reply with a fresh object stream, so a batch of records costs, in every call, a class
 * descriptor for the result, the immutable list's proxy, {@code Object[]} and each event type, and the client
 * resolves each through RMI's class loader. As one byte array the reply costs one descriptor and a copy. The
 * decoded records are built through their constructors, so their checks still guard what arrives.
 *
 * <p>Layout: the layout's version (one byte, {@link #LAYOUT}), firstSeq (varint), a position flag byte (1 = a position string
 * follows) and the position, the event count (varint) and each event as {@link EventCodec} writes it. The layout
 * has its own version, not the protocol's: a protocol that only adds events (3 added rooms) keeps the layout, so
 * clients of protocol 2 read replies of a protocol 3 server. A reader refuses a layout it does not know.
 */
final class PollResultWire implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    /** Since protocol 2. */
    static final int LAYOUT = 2;

    private final byte[] bytes;

    PollResultWire(PollResult result) {
        this.bytes = encode(result);
    }

    @Serial
    private Object readResolve() throws InvalidObjectException {
        try {
            return decode(bytes);
        } catch (IllegalArgumentException | NullPointerException e) {
            InvalidObjectException invalid = new InvalidObjectException("malformed poll result: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    static byte[] encode(PollResult result) {
        WireWriter out = new WireWriter(24 + 48 * result.events().size());
        out.byteValue(LAYOUT).varint(result.firstSeq());
        out.byteValue(result.position() == null ? 0 : 1);
        if (result.position() != null) out.string(result.position());
        out.varint(result.events().size());
        for (ChatEvent event : result.events()) EventCodec.write(event, out);
        return out.toByteArray();
    }

    static PollResult decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        int version = in.byteValue();
        if (version != LAYOUT) {
            throw new IllegalArgumentException("a poll result of layout " + version + "; this client reads layout "
                    + LAYOUT);
        }
        long firstSeq = in.varint();
        String position = switch (in.byteValue()) {
            case 0 -> null;
            case 1 -> in.string();
            default -> throw new IllegalArgumentException("position flag");
        };
        // every event takes at least two bytes: a forged count cannot make us allocate more than arrived
        int count = in.count(in.remaining() / 2);
        List<ChatEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) events.add(EventCodec.read(in));
        if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " bytes after the last event");
        return new PollResult(firstSeq, events, position);
    }
}
