package io.bulwark.scan.message;

import java.util.List;
import java.util.Optional;

/**
 * The SMTP envelope of a message and the facts of the session it arrived in, as the checks and
 * the rule matching see them (ARCHITECTURE.md, "Scan pipeline": HELO, client rDNS, TLS,
 * trusted/authenticated). Immutable; {@link #clientName()} may look the name up on first use
 * (see {@link ClientName}).
 *
 * @param sender        MAIL FROM address without angle brackets, empty for the null sender
 * @param recipients    RCPT TO addresses that were accepted, in order
 * @param clientAddress the SMTP client's IP address literal
 * @param helo          the name the client gave in EHLO/HELO (RFC 5321 4.1.1.1), as given
 * @param reverseDns    the client's forward-confirmed reverse DNS name (RFC 8601 2.7.3)
 * @param tlsProtocol   the session's TLS protocol after STARTTLS (RFC 3207), e.g. "TLSv1.3"; null
 *                      when the message came in plain text
 * @param tlsCipher     the TLS cipher suite, e.g. "TLS_AES_256_GCM_SHA384"; null without TLS
 * @param authenticated the SMTP AUTH identity (RFC 4954), null when the client did not
 *                      authenticate
 * @param trusted       whether the client is in {@code mynetworks} (may relay anywhere)
 */
public record Envelope(String sender, List<String> recipients, String clientAddress, String helo,
        ClientName reverseDns, String tlsProtocol, String tlsCipher, String authenticated, boolean trusted) {

    public Envelope {
        sender = sender == null ? "" : sender;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        clientAddress = clientAddress == null ? "" : clientAddress;
        helo = helo == null ? "" : helo;
        reverseDns = reverseDns == null ? ClientName.unknown() : reverseDns;
    }

    /** An envelope without session facts: no rDNS, plain text, not authenticated, not trusted. */
    public Envelope(String sender, List<String> recipients, String clientAddress, String helo) {
        this(sender, recipients, clientAddress, helo, ClientName.unknown(), null, null, null, false);
    }

    /** The forward-confirmed client name; may block the first time for its bounded lookup. */
    public Optional<String> clientName() {
        return reverseDns.name();
    }

    /** Whether the message came over TLS. */
    public boolean encrypted() {
        return tlsProtocol != null;
    }

    /** Whether the client authenticated with SMTP AUTH. */
    public boolean isAuthenticated() {
        return authenticated != null;
    }
}
