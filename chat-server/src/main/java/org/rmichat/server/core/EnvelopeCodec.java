package org.rmichat.server.core;

import java.util.Optional;
import org.rmichat.api.EventCodec;
import org.rmichat.api.WireReader;
import org.rmichat.api.WireWriter;

/**
 * An envelope as the cluster bus stores it: a format version (one byte), the origin (fixed 64 bits), the
 * audience (a tag and a length-prefixed body: 1 all but a client id, 2 only a client id, 3 a room's members but
 * one, as the room's key and the id excluded; ids in fixed 64 bits), and the event as {@link EventCodec} writes it. No Java serialization: a server reads what
 * it knows and skips the rest by its length, so a rolling upgrade neither loses nor misreads entries.
 *
 * <p>An audience this server does not know (written by a newer one) is never guessed at: the entry is for
 * nobody here, since delivering it to everyone could leak what was meant for a few.
 */
public final class EnvelopeCodec {
    static final int VERSION = 1;
    private static final int ALL_BUT = 1;
    private static final int ONLY = 2;
    private static final int ROOM = 3;

    private EnvelopeCodec() {
    }

    public static byte[] encode(Envelope envelope) {
        WireWriter out = new WireWriter(96);
        out.byteValue(VERSION).fixed64(envelope.origin());
        Audience audience = envelope.audience();
        if (audience instanceof Audience.AllBut allBut) {
            out.varint(ALL_BUT).block(body -> body.fixed64(allBut.clientId()));
        } else if (audience instanceof Audience.Only only) {
            out.varint(ONLY).block(body -> body.fixed64(only.clientId()));
        } else if (audience instanceof Audience.Room room) {
            out.varint(ROOM).block(body -> body.string(room.roomKey()).fixed64(room.except()));
        } else {
            throw new IllegalArgumentException("no encoding for " + audience);
        }
        EventCodec.write(envelope.event(), out);
        return out.toByteArray();
    }

    /**
     * The envelope in {@code bytes}; empty when its audience is of a kind this server does not know.
     *
     * @throws IllegalArgumentException when the bytes are not an envelope of a version it reads
     */
    public static Optional<Envelope> decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        int version = in.byteValue();
        if (version != VERSION) throw new IllegalArgumentException("envelope version " + version);
        long origin = in.fixed64();
        long kind = in.varint();
        WireReader body = in.block();
        Audience audience = kind == ALL_BUT ? Audience.allBut(body.fixed64())
                : kind == ONLY ? Audience.only(body.fixed64())
                : kind == ROOM ? new Audience.Room(body.string(), body.fixed64()) : null;
        var event = EventCodec.read(in);
        if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " bytes after the event");
        return audience == null ? Optional.empty() : Optional.of(new Envelope(origin, event, audience));
    }
}
