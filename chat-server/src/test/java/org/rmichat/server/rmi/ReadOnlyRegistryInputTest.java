package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The call headers it must see however a client frames them. */
class ReadOnlyRegistryInputTest {
    private static final long UNBIND_HASH = ReadOnlyRegistryInput.methodHash("unbind(Ljava/lang/String;)V");

    @Test
    void aLookupPassesUnchanged() throws IOException {
        byte[] wire = connection(call(0, 2, 4905912898345647071L, 64));

        assertArrayEquals(wire, new ReadOnlyRegistryInput(new ByteArrayInputStream(wire)).readAllBytes());
    }

    @Test
    void unbindIsRefusedByOperationNumberAndByMethodHash() {
        assertRefused(connection(call(0, 4, 4905912898345647071L, 64)));
        assertRefused(connection(call(0, -1, UNBIND_HASH, 64)));
    }

    @Test
    void aHeaderSplitIntoOneByteBlocksWithResetsBetweenIsStillSeen() {
        assertRefused(connection(call(0, -1, UNBIND_HASH, 1)));
    }

    @Test
    void theSameCallToAnotherObjectPasses() throws IOException {
        byte[] wire = connection(call(42, -1, UNBIND_HASH, 64));

        assertEquals(wire.length, new ReadOnlyRegistryInput(new ByteArrayInputStream(wire)).readAllBytes().length);
    }

    @Test
    void aRefusedCallAfterAnAnsweredOneIsSeenToo() throws IOException {
        byte[] first = connection(call(0, 2, 0, 64));
        byte[] second = call(0, 3, 0, 64);
        ReadOnlyRegistryInput in = new ReadOnlyRegistryInput(new ByteArrayInputStream(concat(first, second)));

        assertEquals(first.length, in.readNBytes(first.length).length);
        in.serverWrote();   // the lookup's answer

        assertThrows(IOException.class, in::readAllBytes);
    }

    private static void assertRefused(byte[] wire) {
        IOException e = assertThrows(IOException.class,
                () -> new ReadOnlyRegistryInput(new ByteArrayInputStream(wire)).readAllBytes());
        assertEquals("the registry is read-only: bind, rebind and unbind are refused", e.getMessage());
    }

    /** The stream protocol's handshake from the client's side, then {@code message}. */
    private static byte[] connection(byte[] message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(new byte[] {'J', 'R', 'M', 'I', 0, 2, 0x4B});
            out.writeUTF("client.example");
            out.writeInt(0);
            out.write(message);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    /** A call: op byte, stream magic, the 34-byte header in blocks of {@code blockSize}, a reset between. */
    private static byte[] call(long objNum, int op, long hash, int blockSize) {
        ByteBuffer header = ByteBuffer.allocate(34).putLong(objNum).putInt(0).putLong(0).putShort((short) 0)
                .putInt(op).putLong(hash);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x50);
        bytes.writeBytes(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        byte[] all = header.array();
        for (int i = 0; i < all.length; i += blockSize) {
            int n = Math.min(blockSize, all.length - i);
            bytes.write(0x77);
            bytes.write(n);
            bytes.write(all, i, n);
            bytes.write(0x79);   // TC_RESET
        }
        bytes.writeBytes(new byte[] {0x74, 0, 4, 'c', 'h', 'a', 't'});   // the argument: TC_STRING "chat"
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
