package org.rmichat.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends the codec's primitives to a growing byte array: unsigned varints (LEB128, as Protocol Buffers writes
 * them), fixed 64-bit values, and strings as a varint length and UTF-8 bytes. Not thread-safe.
 */
public final class WireWriter {
    private byte[] bytes;
    private int size;
    private WireWriter scratch;   // for the body of a block being built; see scratch()

    public WireWriter(int expectedSize) {
        bytes = new byte[Math.max(16, expectedSize)];
    }

    /** A non-negative number, 7 bits a byte, low bits first. */
    public WireWriter varint(long value) {
        if (value < 0) throw new IllegalArgumentException("varint < 0: " + value);
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    /** Any 64-bit value in 8 bytes, big-endian: for random ids, which a varint would only lengthen. */
    public WireWriter fixed64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (value >>> shift);
        return this;
    }

    public WireWriter byteValue(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public WireWriter string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        return raw(utf8, 0, utf8.length);
    }

    /** A length-prefixed block written by {@code body}: how a reader skips what it does not know. */
    public WireWriter block(java.util.function.Consumer<WireWriter> body) {
        WireWriter inner = scratch();
        body.accept(inner);
        return block(inner);
    }

    /**
     * An empty writer for the body of the next block, reused from block to block, so a batch of events costs no
     * allocation per event. Write the body into it, then pass it to {@link #block(WireWriter)}.
     */
    public WireWriter scratch() {
        if (scratch == null) scratch = new WireWriter(64);
        scratch.size = 0;
        return scratch;
    }

    /** {@code body}'s bytes as a length-prefixed block. */
    public WireWriter block(WireWriter body) {
        varint(body.size);
        return raw(body.bytes, 0, body.size);
    }

    public WireWriter raw(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
