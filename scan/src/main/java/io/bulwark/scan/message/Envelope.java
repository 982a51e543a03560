package io.bulwark.scan.message;

import java.util.List;

/**
 * The SMTP envelope of a message, as the scanners and the rule matching see it.
 *
 * @param sender        MAIL FROM address without angle brackets, empty for the null sender
 * @param recipients    RCPT TO addresses that were accepted, in order
 * @param clientAddress the SMTP client's IP address literal
 * @param helo          the name the client gave in EHLO/HELO
 */
public record Envelope(String sender, List<String> recipients, String clientAddress, String helo) {

    public Envelope {
        sender = sender == null ? "" : sender;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        clientAddress = clientAddress == null ? "" : clientAddress;
        helo = helo == null ? "" : helo;
    }
}
