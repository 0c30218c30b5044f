package org.rmichat.api;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link WireWriter} wrote, from a byte array it does not trust: every length is checked against
 * what is left before anything is allocated, and a malformed input fails with {@link IllegalArgumentException}.
 */
public final class WireReader {
    private final byte[] bytes;
    private int position;
    private final int end;

    public WireReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private WireReader(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.position = from;
        this.end = end;
    }

    public long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = byteValue();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) throw new IllegalArgumentException("varint out of range");
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }

    /** A varint that must fit an int no larger than {@code max}. */
    public int count(int max) {
        return count(max, "count");
    }

    /** A varint no larger than {@code max}; a larger one fails as {@code "<what> <value>"}. */
    public int count(int max, String what) {
        long value = varint();
        if (value > max) throw new IllegalArgumentException(what + " " + value);
        return (int) value;
    }

    public long fixed64() {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) value = value << 8 | (bytes[position++] & 0xFF);
        return value;
    }

    public int byteValue() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    public String string() {
        int length = length();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /**
     * The next length-prefixed block as a reader of its own; this reader moves past it whatever the block's
     * reader does, so fields a newer writer appended to the block are skipped, not misread.
     */
    public WireReader block() {
        int length = length();
        WireReader inner = new WireReader(bytes, position, position + length);
        position += length;
        return inner;
    }

    /** The bytes left, copied: for keeping a block this reader does not understand. */
    public byte[] rest() {
        byte[] copy = java.util.Arrays.copyOfRange(bytes, position, end);
        position = end;
        return copy;
    }

    /** A length that must fit in what is left after it. */
    private int length() {
        long length = varint();
        if (length > remaining()) throw new IllegalArgumentException("length " + length + " > " + remaining() + " left");
        return (int) length;
    }

    public int remaining() {
        return end - position;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    private void need(int count) {
        if (remaining() < count) throw new IllegalArgumentException("truncated: " + count + " bytes wanted, "
                + remaining() + " left");
    }
}
