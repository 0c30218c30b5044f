package org.rmichat.server.rmi;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Refuses, on the wire, every call that would change the registry: bind, rebind and unbind, in both the old
 * operation-number form and the method-hash form. The JDK's registry lets any process on the server's own
 * host change it, and a local program that rebinds "chat" to a forwarding proxy captures every client that
 * looks the service up; the server binds its one name in-process, so nothing over the wire ever needs to.
 *
 * <p>It reads what RMI reads, exactly: it sits above every buffer, and tracks RMI's stream protocol (JRMP)
 * just far enough to see each call's header: the handshake, then per message an operation byte; a call (0x50)
 * starts a serialization stream whose first block-data bytes are the target's object id (8 + 14 bytes), the
 * operation (4) and the method hash (8). Block data may be split and interleaved with resets, as
 * {@code ObjectInputStream} allows. Past the header of a call it only counts on the server's next write
 * (RMI answers a call only after reading it whole) to know the next message begins.
 *
 * <p>A refused call fails every later read, so RMI answers it with an unmarshalling error and closes the
 * connection. {@code mark}/{@code reset} are not used by RMI; they are passed on, and would confuse the
 * tracking if anyone did use them.
 */
final class ReadOnlyRegistryInput extends FilterInputStream {
    private static final long REGISTRY_OBJ_NUM = 0;   // java.rmi.server.ObjID.REGISTRY_ID
    /** Operation numbers of RegistryImpl_Skel: bind 0, list 1, lookup 2, rebind 3, unbind 4. */
    private static final Set<Integer> MUTATING_OPS = Set.of(0, 3, 4);
    private static final Set<Long> MUTATING_HASHES = Set.of(
            methodHash("bind(Ljava/lang/String;Ljava/rmi/Remote;)V"),
            methodHash("rebind(Ljava/lang/String;Ljava/rmi/Remote;)V"),
            methodHash("unbind(Ljava/lang/String;)V"));
    private static final int HEADER_BYTES = 8 + 14 + 4 + 8;
    private static final byte[] STREAM_MAGIC = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05};

    private enum State { TRANSPORT_HEADER, ENDPOINT_LENGTH, ENDPOINT, OPERATION, DGC_ACK, STREAM_MAGIC, BLOCK_TAG,
        BLOCK_LENGTH, BLOCK_DATA, REST_OF_CALL, REFUSED }

    private State state = State.TRANSPORT_HEADER;   // only RMI's one connection thread reads; writes come after
    private int needed = 7;                          // bytes left in the current field
    private int value;                               // a length being assembled
    private final byte[] header = new byte[HEADER_BYTES];
    private int headerBytes;
    private volatile boolean answered;               // the server wrote since the last read
    private String refusal;

    ReadOnlyRegistryInput(InputStream in) {
        super(in);
    }

    /** The server wrote: whatever follows the call it answered is a new message. */
    void serverWrote() {
        answered = true;
    }

    @Override
    public int read() throws IOException {
        beforeRead();
        int b = in.read();
        if (b >= 0) inspect(b);
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        beforeRead();
        if (state == State.REST_OF_CALL) return in.read(bytes, offset, length);   // the bulk: no work per byte
        int n = in.read(bytes, offset, length);
        for (int i = 0; i < n; i++) inspect(bytes[offset + i] & 0xff);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 2048)];
        return Math.max(read(sink, 0, sink.length), 0);
    }

    private void beforeRead() throws IOException {
        if (answered) {
            answered = false;
            // a call answered, or refused half read (RMI then closes): either way the next byte starts a message
            if (state.compareTo(State.OPERATION) >= 0 && state != State.REFUSED) expect(State.OPERATION, 1);
        }
        if (state == State.REFUSED) throw new IOException(refusal);
    }

    private void inspect(int b) throws IOException {
        switch (state) {
            case TRANSPORT_HEADER -> {   // "JRMI", version (2 bytes), protocol: 0x4B stream, 0x4C single op
                if (--needed == 0) {
                    if (b == 0x4B) expect(State.ENDPOINT_LENGTH, 2);
                    else expect(b == 0x4C ? State.OPERATION : State.REST_OF_CALL, 1);
                    value = 0;
                }
            }
            case ENDPOINT_LENGTH -> {   // the client's host as UTF, then its port
                value = (value << 8) | b;
                if (--needed == 0) expect(State.ENDPOINT, value + 4);
            }
            case ENDPOINT, DGC_ACK -> {
                if (--needed == 0) expect(State.OPERATION, 1);
            }
            case OPERATION -> {
                if (b == 0x50) {
                    headerBytes = 0;
                    expect(State.STREAM_MAGIC, STREAM_MAGIC.length);
                } else if (b == 0x54) {
                    expect(State.DGC_ACK, 14);   // an acknowledgement: a UID, then the next message
                }
                // 0x52 ping: the server answers, and the next message follows; anything else ends the connection
            }
            case STREAM_MAGIC -> {
                if (b != (STREAM_MAGIC[STREAM_MAGIC.length - needed] & 0xff)) {
                    expect(State.REST_OF_CALL, 0);   // not a stream RMI can read either
                } else if (--needed == 0) {
                    expect(State.BLOCK_TAG, 1);
                }
            }
            case BLOCK_TAG -> {
                if (b == 0x77) {            // TC_BLOCKDATA, one length byte
                    value = 0;
                    expect(State.BLOCK_LENGTH, 1);
                } else if (b == 0x7A) {     // TC_BLOCKDATALONG, four length bytes
                    value = 0;
                    expect(State.BLOCK_LENGTH, 4);
                } else if (b != 0x79) {     // TC_RESET may come between blocks; anything else: no header to see
                    expect(State.REST_OF_CALL, 0);
                }
            }
            case BLOCK_LENGTH -> {
                value = (value << 8) | b;
                if (--needed == 0) {
                    if (value <= 0) expect(State.BLOCK_TAG, 1);
                    else expect(State.BLOCK_DATA, value);
                }
            }
            case BLOCK_DATA -> {
                header[headerBytes++] = (byte) b;
                if (headerBytes == HEADER_BYTES) {
                    judge();
                } else if (--needed == 0) {
                    expect(State.BLOCK_TAG, 1);
                }
            }
            case REST_OF_CALL, REFUSED -> {
                // nothing to see until the server answers
            }
        }
    }

    private void judge() throws IOException {
        ByteBuffer fields = ByteBuffer.wrap(header);
        long objNum = fields.getLong(0);
        int op = fields.getInt(22);
        long hash = fields.getLong(26);
        boolean mutating = MUTATING_OPS.contains(op) || (op == -1 && MUTATING_HASHES.contains(hash));
        if (objNum == REGISTRY_OBJ_NUM && mutating) {
            state = State.REFUSED;
            refusal = "the registry is read-only: bind, rebind and unbind are refused";
            throw new IOException(refusal);
        }
        expect(State.REST_OF_CALL, 0);
    }

    private void expect(State next, int bytes) {
        state = next;
        needed = bytes;
    }

    /** The RMI method hash: the first 8 bytes, little-endian, of SHA-1 over the method's name and descriptor. */
    static long methodHash(String nameAndDescriptor) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new DataOutputStream(bytes).writeUTF(nameAndDescriptor);
            byte[] sha = MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
            long hash = 0;
            for (int i = 0; i < 8; i++) hash += (long) (sha[i] & 0xff) << (i * 8);
            return hash;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }
}
