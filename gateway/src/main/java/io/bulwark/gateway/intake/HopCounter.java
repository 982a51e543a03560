package io.bulwark.gateway.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Counts {@code Received:} header fields in the header section while the content streams through
 * to the spool, so loop detection costs no second pass (RFC 5321 6.3 loop detection by hop count,
 * Postfix {@code hopcount_limit}). Counting stops at the empty line ending the header section;
 * continuation lines and fields that merely end in "received" ({@code X-Received}) do not count.
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

    HopCounter(InputStream in) {
        super(in);
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
        if (b == '\n') {
            if (emptyLine) {
                inHeader = false;
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
