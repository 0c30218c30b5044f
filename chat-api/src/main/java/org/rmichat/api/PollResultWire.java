package org.rmichat.api;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * <p>Layout, big-endian: firstSeq (long), a position flag byte (1 = a position string follows), count (int),
 * then per event a tag byte and its fields; strings are a length (int) and that many UTF-8 bytes. A
 * {@link PresenceDigest} is its named joins (count, then each as a join's fields), {@code moreJoined}, its
 * named leaves (count, then each as a leave's fields) and {@code moreLeft}.
 */
final class PollResultWire implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    private static final byte JOINED = 1;
    private static final byte LEFT = 2;
    private static final byte MESSAGE = 3;
    private static final byte NOTICE = 4;
    private static final byte NICK = 5;
    private static final byte PRIVATE = 6;
    private static final byte ACTION = 7;
    private static final byte PRESENCE = 8;

    private final byte[] bytes;

    PollResultWire(PollResult result) {
        this.bytes = encode(result);
    }

    @Serial
    private Object readResolve() throws InvalidObjectException {
        try {
            return decode(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException
                 | NullPointerException e) {
            InvalidObjectException invalid = new InvalidObjectException("malformed poll result: " + e);
            invalid.initCause(e);
            throw invalid;
        }
    }

    static byte[] encode(PollResult result) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 + 64 * result.events().size());
        DataOutputStream out = new DataOutputStream(buffer);
        try {
            out.writeLong(result.firstSeq());
            Writer writer = new Writer(out);
            out.writeByte(result.position() == null ? 0 : 1);
            if (result.position() != null) writer.string(result.position());
            out.writeInt(result.events().size());
            for (ChatEvent event : result.events()) event.accept(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
        }
        return buffer.toByteArray();
    }

    static PollResult decode(ByteBuffer in) {
        long firstSeq = in.getLong();
        String position = switch (in.get()) {
            case 0 -> null;
            case 1 -> string(in);
            default -> throw new IllegalArgumentException("position flag");
        };
        int count = in.getInt();
        // every event takes at least its tag byte: a forged count cannot make us allocate more than arrived
        if (count < 0 || count > in.remaining()) throw new IllegalArgumentException("event count " + count);
        List<ChatEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte tag = in.get();
            events.add(switch (tag) {
                case JOINED -> new UserJoined(in.getLong(), string(in));
                case LEFT -> userLeft(in);
                case MESSAGE -> new MessagePosted(in.getLong(), string(in), string(in));
                case NOTICE -> new Notice(string(in));
                case NICK -> new NickChanged(in.getLong(), string(in), string(in));
                case PRIVATE -> new PrivateMessage(in.getLong(), string(in), string(in), string(in));
                case ACTION -> new ActionPosted(in.getLong(), string(in), string(in));
                case PRESENCE -> presence(in);
                default -> throw new IllegalArgumentException("event tag " + tag);
            });
        }
        if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " bytes after the last event");
        return new PollResult(firstSeq, events, position);
    }

    private static UserLeft userLeft(ByteBuffer in) {
        return new UserLeft(in.getLong(), string(in), UserLeft.Reason.values()[in.get()]);
    }

    private static PresenceDigest presence(ByteBuffer in) {
        List<UserJoined> joined = new ArrayList<>();
        for (int i = count(in); i > 0; i--) joined.add(new UserJoined(in.getLong(), string(in)));
        int moreJoined = in.getInt();
        List<UserLeft> left = new ArrayList<>();
        for (int i = count(in); i > 0; i--) left.add(userLeft(in));
        return new PresenceDigest(joined, moreJoined, left, in.getInt());
    }

    /** A list's length; a forged one larger than a digest may name is refused before anything is read. */
    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > PresenceDigest.MAX_NAMES) throw new IllegalArgumentException("name count " + count);
        return count;
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) throw new IllegalArgumentException("string length " + length);
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    /** Writes one event; the visitor makes a new event type a compile error here, not a silent gap. */
    private record Writer(DataOutputStream out) implements ChatEvent.Visitor<Void> {
        @Override
        public Void joined(UserJoined e) {
            return write(() -> {
                out.writeByte(JOINED);
                out.writeLong(e.userId());
                string(e.name());
            });
        }

        @Override
        public Void left(UserLeft e) {
            return write(() -> {
                out.writeByte(LEFT);
                out.writeLong(e.userId());
                string(e.name());
                out.writeByte(e.reason().ordinal());
            });
        }

        @Override
        public Void message(MessagePosted e) {
            return write(() -> {
                out.writeByte(MESSAGE);
                out.writeLong(e.userId());
                string(e.name());
                string(e.text());
            });
        }

        @Override
        public Void notice(Notice e) {
            return write(() -> {
                out.writeByte(NOTICE);
                string(e.text());
            });
        }

        @Override
        public Void nickChanged(NickChanged e) {
            return write(() -> {
                out.writeByte(NICK);
                out.writeLong(e.userId());
                string(e.oldName());
                string(e.newName());
            });
        }

        @Override
        public Void privateMessage(PrivateMessage e) {
            return write(() -> {
                out.writeByte(PRIVATE);
                out.writeLong(e.fromUserId());
                string(e.from());
                string(e.to());
                string(e.text());
            });
        }

        @Override
        public Void action(ActionPosted e) {
            return write(() -> {
                out.writeByte(ACTION);
                out.writeLong(e.userId());
                string(e.name());
                string(e.text());
            });
        }

        @Override
        public Void presence(PresenceDigest e) {
            return write(() -> {
                out.writeByte(PRESENCE);
                out.writeInt(e.joined().size());
                for (UserJoined joined : e.joined()) {
                    out.writeLong(joined.userId());
                    string(joined.name());
                }
                out.writeInt(e.moreJoined());
                out.writeInt(e.left().size());
                for (UserLeft left : e.left()) {
                    out.writeLong(left.userId());
                    string(left.name());
                    out.writeByte(left.reason().ordinal());
                }
                out.writeInt(e.moreLeft());
            });
        }

        private void string(String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        private Void write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
