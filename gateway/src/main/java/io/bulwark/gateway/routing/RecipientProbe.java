package io.bulwark.gateway.routing;

/**
 * Asks a recipient domain's next hop whether it would accept an address (Postfix's address
 * verification probe): connect, EHLO, {@code MAIL FROM:<>}, {@code RCPT TO}, {@code QUIT}, never
 * DATA. Implemented by the delivery side, which owns the SMTP client; the receiving side only sees
 * this interface. Implementations are thread-safe and bounded in time.
 */
@FunctionalInterface
public interface RecipientProbe {

    /** The next hop's verdict; never throws (failures are {@link RecipientVerifier.Verdict.Unknown}). */
    RecipientVerifier.Verdict probe(String address);
}
