package org.rmichat.api;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link HistoryPage} travels: its serialization proxy, one {@code byte[]}, as {@link PollResultWire}.
 *
 * <p>Layout: version (one byte, {@link #LAYOUT}), the "more" flag byte, the line count (varint), and each line as
 * its position (string), its time (varint, milliseconds since the epoch) and its event as {@link EventCodec}
 * writes it, so an event of a kind the client does not know arrives as an {@link UnknownEvent}.
 */
final class HistoryPageWire implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    /** Since protocol 4. */
    static final int LAYOUT = 1;

    private final byte[] bytes;

    HistoryPageWire(HistoryPage page) {
        this.bytes = encode(page);
    }

    @Serial
    private Object readResolve() throws InvalidObjectException {
        try {
            return decode(bytes);
        } catch (IllegalArgumentException | NullPointerException e) {
            InvalidObjectException invalid = new InvalidObjectException("malformed history page: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    static byte[] encode(HistoryPage page) {
        WireWriter out = new WireWriter(16 + 80 * page.lines().size());
        out.byteValue(LAYOUT).byteValue(page.more() ? 1 : 0).varint(page.lines().size());
        for (HistoryLine line : page.lines()) {
            out.string(line.position()).varint(line.atMillis());
            EventCodec.write(line.event(), out);
        }
        return out.toByteArray();
    }

    static HistoryPage decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        int version = in.byteValue();
        if (version != LAYOUT) {
            throw new IllegalArgumentException("a history page of layout " + version + "; this client reads layout "
                    + LAYOUT);
        }
        boolean more = switch (in.byteValue()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new IllegalArgumentException("more flag");
        };
        // every line takes at least four bytes: a forged count cannot make us allocate more than arrived
        int count = in.count(in.remaining() / 4);
        List<HistoryLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) lines.add(new HistoryLine(in.string(), in.varint(), EventCodec.read(in)));
        if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " bytes after the last line");
        return new HistoryPage(lines, more);
    }
}
