package io.bulwark.scan.message;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only window on part of a message exactly as received (RFC 5322 octets, line endings as
 * the spool stores them: CRLF). Signatures need these octets unchanged: DKIM's "simple"
 * canonicalisation (RFC 6376 3.4.1, 3.4.3) and ARC (RFC 8617) hash them as they are.
 *
 * <p>No copy is made: the window shares the array the message was parsed from, so a view of a
 * 10 MB message costs a few objects, not another 10 MB. Whoever hands an array to
 * {@link MessageViewParser#parse(byte[])} must not change it afterwards. Consumers read through
 * {@link #buffer()} or {@link #stream()} (read-only) or take a {@link #copy()}.
 *
 * <p>Immutable and thread-safe. Equal when the octets are equal.
 */
public final class RawBytes {
    /** No octets: the raw form of something that was not parsed from a message. */
    public static final RawBytes EMPTY = new RawBytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private RawBytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A window on {@code array[offset, offset + length)}; the array is shared, not copied. */
    static RawBytes of(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        return length == 0 ? EMPTY : new RawBytes(array, offset, length);
    }

    /** A copy of {@code bytes}, for raw forms built outside a parse (tests, generated fields). */
    public static RawBytes copyOf(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new RawBytes(bytes.clone(), 0, bytes.length);
    }

    /** Number of octets. */
    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The octet at {@code index}, 0-255. */
    public int byteAt(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index] & 0xff;
    }

    /** A read-only buffer over the octets (position 0, limit {@link #length()}); no copy. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    /** A stream over the octets; no copy. */
    public InputStream stream() {
        return new ByteArrayInputStream(array, offset, length);
    }

    /** A copy of the octets. */
    public byte[] copy() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** The octets as text in {@code charset} (US-ASCII for header fields, ISO-8859-1 to keep every octet). */
    public String toString(Charset charset) {
        return new String(array, offset, length, charset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawBytes other
                && Arrays.equals(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "RawBytes[" + length + " octets]";
    }
}
