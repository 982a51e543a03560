package io.bulwark.gateway.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Counts {@code Received:} header fields in the header section while the content streams through
 * to the spool, so loop detection costs no second pass (RFC 5321 6.3 loop detection by hop count,
 * Postfix {@code hopcount_limit}). Counting stops at the empty line ending the header section;
 * continuation lines and fields that merely end in "received" ({@code X-Received}) do not count.
 *
 * <p>It can also hand the header section (fields and the empty line) to a consumer once, as soon as
 * the empty line has passed, so the scan starts the questions the fields name (DMARC's policy,
 * DKIM keys) while the body still arrives; a header section longer than the limit is not handed over.
 *
 * <p>Not thread-safe: one per message, read by one thread.
 */
final class HopCounter extends FilterInputStream {
    private static final byte[] NAME = "received:".getBytes(StandardCharsets.US_ASCII);
    private boolean inHeader = true;
    private boolean lineStart = true;
    private int matched;
    private boolean emptyLine = true; // an empty first line ends an empty header section
    private int count;
    private final Consumer<byte[]> onHeader;
    private final int headerLimit;
    private byte[] header;
    private int headerLength;

    HopCounter(InputStream in) {
        this(in, null, 0);
    }

    /**
     * @param onHeader    given the header section once, when its empty line has passed; null: none
     * @param headerLimit the longest header section handed over
     */
    HopCounter(InputStream in, Consumer<byte[]> onHeader, int headerLimit) {
        super(in);
        this.onHeader = onHeader;
        this.headerLimit = headerLimit;
        this.header = onHeader == null ? null : new byte[Math.min(headerLimit, 2048)];
    }

    /** {@code Received} fields seen so far. */
    int count() {
        return count;
    }

    /** Whether the message seen so far has more hops than {@code limit}: a mail loop. */
    boolean exceeds(int limit) {
        return count > limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            scan(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n && inHeader; i++) {
            scan(buffer[offset + i] & 0xff);
        }
        return n;
    }

    private void scan(int b) {
        if (!inHeader) {
            return;
        }
        keep(b);
        if (b == '\n') {
            if (emptyLine) {
                inHeader = false;
                if (header != null) {
                    byte[] section = Arrays.copyOf(header, headerLength);
                    header = null;
                    onHeader.accept(section);
                }
            }
            lineStart = true;
            emptyLine = true;
            matched = 0;
            return;
        }
        if (b != '\r') {
            emptyLine = false;
        }
        if (lineStart) {
            matched = 0;
            lineStart = false;
        }
        if (matched >= 0 && matched < NAME.length) {
            if (Character.toLowerCase(b) == NAME[matched]) {
                matched++;
                if (matched == NAME.length) {
                    count++;
                    matched = -1;
                }
            } else {
                matched = -1;
            }
        }
    }

    private void keep(int b) {
        if (header == null) {
            return;
        }
        if (headerLength == header.length) {
            if (headerLength >= headerLimit) {
                header = null; // too long to hand over: the scan asks when it starts
                return;
            }
            header = Arrays.copyOf(header, Math.min(headerLimit, header.length * 2));
        }
        header[headerLength++] = (byte) b;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported while counting hops");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public String toString() {
        return "HopCounter[" + count + "]";
    }
}
