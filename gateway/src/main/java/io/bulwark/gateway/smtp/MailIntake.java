package io.bulwark.gateway.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * What the SMTP listener hands a mail transaction to: the receiving side's policy and durability
 * (relay policy, recipient verification, spool, scanning, decision), kept out of the protocol
 * code so that {@code smtp} knows neither scanning nor policy nor Backup (ARCHITECTURE.md,
 * "Message lifecycle" 1-5; implemented by {@code io.bulwark.gateway.intake}).
 *
 * <p>Lifecycle: {@link #connected} once per served connection (after connection admission, before
 * the greeting), {@link Connection#begin} at each accepted MAIL FROM, the {@link Transaction} until
 * the end of DATA, RSET, a new EHLO/HELO or STARTTLS. Implementations are thread-safe; a
 * {@link Connection} and its transactions are confined to their session's thread.
 */
public interface MailIntake {

    /** Whether {@code client} is in mynetworks: exempt from per-client connection limits and bare-newline rejection. */
    boolean isTrusted(InetAddress client);

    /** The intake side of one SMTP session from {@code client}. */
    Connection connected(InetAddress client);

    /**
     * Whether an exception met while reading {@link Transaction#data content} is the client's
     * doing (gone, stalled, bare newline under the reject policy), which the session answers or
     * ends on, rather than a failure of ours to answer with 451. {@link Transaction#data}
     * rethrows those.
     */
    static boolean isClientFailure(IOException e) {
        return e instanceof EOFException || e instanceof SocketTimeoutException
                || e instanceof StrictDataInputStream.BareNewlineException;
    }

    /** One SMTP session's intake. Not thread-safe. */
    interface Connection {
        /** Starts a mail transaction: MAIL FROM:&lt;{@code sender}&gt; was accepted by the protocol. */
        Transaction begin(SessionFacts session, String sender);
    }

    /** One mail transaction, from MAIL FROM to the end of DATA. Not thread-safe. */
    interface Transaction {
        /** Recipients accepted so far. */
        int recipientCount();

        /** Decides RCPT for a syntactically valid address (or {@code postmaster}); returns the reply. */
        String recipient(String address);

        /** Records a refusal the session decided itself at RCPT, MAIL or DATA (limits, syntax, bare LF). */
        void rejected(String stage, List<String> recipients, String reply);

        /**
         * Takes the message content (already un-dot-stuffed, ending before CRLF.CRLF) and returns
         * the reply to the end of data. A reply is always returned once the content was read,
         * whatever the outcome.
         *
         * @throws EOFException when the client went away (nothing answered, nothing kept)
         * @throws IOException a bare CR or LF under the reject policy (see {@link #isClientFailure})
         * @throws SocketTimeoutException when the client stalled (nothing kept)
         */
        String data(InputStream content) throws IOException;
    }
}
