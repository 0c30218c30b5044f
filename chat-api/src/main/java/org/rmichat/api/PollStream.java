package org.rmichat.api;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reply of a streamed poll (since protocol {@link Protocol#STREAM}): one remote call whose reply is many
 * batches, each written and flushed as it comes, read and handed over as it arrives.
 *
 * <p>Protocol: on the server this object is made around a {@link Source}; RMI serializes it after the call
 * returns, and its {@code writeObject} asks the source for frame after frame, writing and flushing each, until
 * the source ends the stream or {@link #MAX_BYTES} were written. On the client its {@code readObject} runs while
 * the call is still under way: it hands each batch, as soon as it is read, to the {@link Receiver} the calling
 * thread registered with {@link #receiveOn}, and the call returns once the end frame is read. A keep-alive
 * frame says the server is still there while nothing happens, so a client can tell a quiet chat from a server
 * that stopped talking. The batches are {@link PollResult}s: each starts at its own sequence number, so what
 * a broken stream had delivered and the next poll sends again is recognised by number.
 *
 * <p>Layout (inside RMI's object stream): the object's one field, {@code keepAliveMillis} (how long the server
 * may go without a frame), the layout's version (one byte, {@value #LAYOUT}), then frames, each a
 * kind byte, a length (4 bytes, big-endian) and that many bytes: {@code 1} a batch (as {@link PollResultWire}
 * encodes a poll result), {@code 2} a keep-alive (empty), {@code 3} the end (empty, or the reason the session
 * was closed as a string). A reader refuses a layout or kind it does not know: a frame kind is a layout change.
 */
public final class PollStream implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    /** Poll reply layout 3: frames. Layout 2 ({@link PollResultWire}) is one batch. */
    static final int LAYOUT = 3;
    /** A stream ends after the frame that passes this many bytes: a client behind acknowledges at least that often. */
    public static final int MAX_BYTES = 1 << 20;
    /**
     * A server writes a keep-alive after this long without a frame, or after longer, as each stream says
     * ({@link Receiver#keepAliveEvery}): a server of 10,000 idle clients would otherwise spend a core on them.
     */
    public static final long KEEP_ALIVE_MILLIS = 2_000;
    /** Keep-alives missed before a client takes its server for stopped. */
    public static final int KEEP_ALIVES_MISSED = 3;
    /** A client that heard nothing for this long (three keep-alives missed) takes its server for stopped. */
    public static final long SILENCE_MILLIS = KEEP_ALIVES_MISSED * KEEP_ALIVE_MILLIS;
    /** The largest frame a client reads: a server's batches are far smaller ({@code maxBatch} events). */
    static final int MAX_FRAME_BYTES = 16 << 20;

    private static final int BATCH = 1;
    private static final int KEEP_ALIVE = 2;
    private static final int END = 3;

    /**
     * The only way from RMI's unmarshalling to the caller is the calling thread: the reply is read by RMI inside
     * the call, before the caller has an object to ask. Each client's poll thread registers its own receiver for
     * the length of its call, so two clients in one JVM never meet.
     */
    private static final ThreadLocal<Receiver> RECEIVERS = new ThreadLocal<>();

    /** What the server streams from: one session's mailbox. */
    public interface Source {
        /** The next frame to write, waiting until one is due. */
        Frame next() throws InterruptedException;

        /** The stream ended, written whole or broken; called once, after the last {@link #next}. */
        void finished();

        /** Longest time without a frame before {@link #next} gives a keep-alive; told to the client first. */
        default long keepAliveMillis() {
            return KEEP_ALIVE_MILLIS;
        }

        /**
         * Before the first {@link #next}: how to write a frame from another thread while the stream's own waits
         * inside {@link #next}. The source sees to it that only one thread writes at a time.
         */
        default void attach(FrameWriter writer) {
        }
    }

    /** Writes one frame into the stream and flushes it; counts toward {@link #MAX_BYTES}. */
    public interface FrameWriter {
        void write(Frame frame) throws IOException;

        /** Bytes of frames written so far, by any thread. */
        long written();
    }

    /** What a client does with each frame as it arrives, on the thread that made the call. */
    public interface Receiver {
        /** A batch arrived; it stays in flight on the server until the next poll acknowledges it. */
        void batch(PollResult batch) throws IOException;

        /** The server is there and had nothing to send. */
        default void keepAlive() throws IOException {
        }

        /**
         * Before the first frame: this stream's server writes a keep-alive after at most {@code millis} without
         * a frame ({@link #KEEP_ALIVE_MILLIS} or more), so silence means a stopped server only after
         * {@link #KEEP_ALIVES_MISSED} times that.
         */
        default void keepAliveEvery(long millis) throws IOException {
        }
    }

    /** One frame of a stream: a batch, a keep-alive, or the end (with why the session closed, if it did). */
    public record Frame(int kind, PollResult batch, String closedReason) {
        public Frame {
            if (kind == BATCH) Objects.requireNonNull(batch, "batch");
            if (kind < BATCH || kind > END) throw new IllegalArgumentException("frame kind " + kind);
        }

        public static Frame batch(PollResult batch) {
            return new Frame(BATCH, batch, null);
        }

        public static Frame keepAlive() {
            return new Frame(KEEP_ALIVE, null, null);
        }

        /** The stream ends; with a reason, the session is closed and the client must not poll it again. */
        public static Frame end(String closedReason) {
            return new Frame(END, null, closedReason);
        }

        public boolean isEnd() {
            return kind == END;
        }
    }

    /** Registered receiver for the calling thread; closing it unregisters. */
    public interface Reception extends AutoCloseable {
        @Override
        void close();
    }

    /** Written before the frames; a field, so a reader of before it skips it. 0 from a server of before it. */
    private final long keepAliveMillis;
    private final transient Source source;   // the server's side only
    private transient String closedReason;   // the client's side from here on
    private transient int batches;
    private transient int keepAlives;
    private transient long bytes;
    private transient List<PollResult> unclaimed;

    public PollStream(Source source) {
        this.source = Objects.requireNonNull(source, "source");
        this.keepAliveMillis = source.keepAliveMillis();
    }

    /** Hands the batches of streamed replies read on this thread to {@code receiver} until closed. */
    public static Reception receiveOn(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        Receiver before = RECEIVERS.get();
        RECEIVERS.set(receiver);
        return () -> {
            if (before == null) RECEIVERS.remove();
            else RECEIVERS.set(before);
        };
    }

    /** The receiver registered on this thread, if any: for a wrapper that passes batches on (a test's faulty wire). */
    public static Optional<Receiver> receiverOnThisThread() {
        return Optional.ofNullable(RECEIVERS.get());
    }

    /** Why the server closed the session, if the stream ended with that. */
    public Optional<String> closedReason() {
        return Optional.ofNullable(closedReason);
    }

    /** Batch frames read. */
    public int batches() {
        return batches;
    }

    public int keepAlives() {
        return keepAlives;
    }

    /** Bytes of frames read (kind, length and body). */
    public long bytes() {
        return bytes;
    }

    /** The batches read while no receiver was registered on the reading thread, in order. */
    public List<PollResult> unclaimedBatches() {
        return unclaimed == null ? List.of() : List.copyOf(unclaimed);
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeByte(LAYOUT);
        Frames frames = new Frames(out);
        try {
            source.attach(frames);
            while (true) {
                Frame frame = frames.written() >= MAX_BYTES ? Frame.end(null) : source.next();
                frames.write(frame);
                if (frame.isEnd()) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the server is going away; the client polls again
            throw new java.io.InterruptedIOException("stream interrupted");
        } finally {
            source.finished();
        }
    }

    /** The frames of one stream as written, by its own thread or by the one its source lets write meanwhile. */
    private static final class Frames implements FrameWriter {
        private final ObjectOutputStream out;
        private volatile long written;   // one writer at a time; read by either

        Frames(ObjectOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(Frame frame) throws IOException {
            written += PollStream.write(out, frame);
            out.flush();   // each frame leaves now: this is what makes it a stream
        }

        @Override
        public long written() {
            return written;
        }
    }

    private static int write(ObjectOutputStream out, Frame frame) throws IOException {
        byte[] body = switch (frame.kind()) {
            case BATCH -> PollResultWire.encode(frame.batch());
            case END -> frame.closedReason() == null ? new byte[0]
                    : new WireWriter(16 + frame.closedReason().length()).string(frame.closedReason()).toByteArray();
            default -> new byte[0];
        };
        out.writeByte(frame.kind());
        out.writeInt(body.length);
        out.write(body);
        return 5 + body.length;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int layout = in.readUnsignedByte();
        if (layout != LAYOUT) {
            throw new InvalidObjectException("a poll stream of layout " + layout + "; this client reads layout " + LAYOUT);
        }
        Receiver receiver = RECEIVERS.get();
        if (receiver != null) receiver.keepAliveEvery(Math.max(KEEP_ALIVE_MILLIS, keepAliveMillis));
        while (true) {
            int kind = in.readUnsignedByte();
            int length = in.readInt();
            if (length < 0 || length > MAX_FRAME_BYTES) throw new InvalidObjectException("frame of " + length + " bytes");
            byte[] body = new byte[length];
            in.readFully(body);
            bytes += 5 + length;
            switch (kind) {
                case BATCH -> {
                    PollResult batch = decode(body);
                    batches++;
                    if (receiver != null) {
                        receiver.batch(batch);
                    } else {
                        if (unclaimed == null) unclaimed = new ArrayList<>();
                        unclaimed.add(batch);
                    }
                }
                case KEEP_ALIVE -> {
                    keepAlives++;
                    if (receiver != null) receiver.keepAlive();
                }
                case END -> {
                    closedReason = length == 0 ? null : endReason(body);
                    return;
                }
                default -> throw new InvalidObjectException("unknown frame kind " + kind);
            }
        }
    }

    private static PollResult decode(byte[] body) throws InvalidObjectException {
        try {
            return PollResultWire.decode(body);
        } catch (IllegalArgumentException | NullPointerException e) {
            InvalidObjectException invalid = new InvalidObjectException("malformed batch frame: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static String endReason(byte[] body) throws InvalidObjectException {
        try {
            return new WireReader(body).string();
        } catch (IllegalArgumentException e) {
            throw new InvalidObjectException("malformed end frame: " + e.getMessage());
        }
    }
}
