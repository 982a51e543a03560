package io.bulwark.gateway.delivery;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes message content for the SMTP DATA phase (RFC 5321 section 4.5.2): every line ending
 * becomes CRLF (a bare CR or LF is turned into CRLF, never passed on, so that no next hop can be
 * made to see an end-of-data we did not mean: SMTP smuggling), a dot at the start of a line is
 * doubled, and {@link #finish()} adds the final CRLF if missing and the {@code .} terminator.
 *
 * <p>Normalising before stuffing matters: a received {@code LF . LF} becomes
 * {@code CRLF .. CRLF}, ordinary content for the next hop. Not thread-safe.
 */
public final class SmtpDataOutputStream extends FilterOutputStream {
    private boolean atLineStart = true;
    private boolean pendingCr;

    public SmtpDataOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            newline();
            if (b == '\n') {
                return;
            }
        }
        if (b == '\r') {
            pendingCr = true;
            return;
        }
        if (b == '\n') {
            newline();
            return;
        }
        if (atLineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        atLineStart = false;
    }

    /**
     * Passes runs of ordinary bytes on in one write each and handles only line ends and a dot at a
     * line start byte by byte (writing every byte singly was a visible cost in the profile).
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int run = off;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (pendingCr || c == '\r' || c == '\n' || (atLineStart && c == '.')) {
                if (i > run) {
                    out.write(b, run, i - run);
                }
                write(c & 0xff);
                run = i + 1;
            } else {
                atLineStart = false;
            }
        }
        if (end > run) {
            out.write(b, run, end - run);
        }
    }

    /** Ends the content: a last CRLF when the content lacked one, then {@code .CRLF}. Flushes. */
    public void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            newline();
        }
        if (!atLineStart) {
            newline();
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        // Closing would close the socket; the client owns it.
        flush();
    }

    private void newline() throws IOException {
        out.write('\r');
        out.write('\n');
        atLineStart = true;
    }
}
