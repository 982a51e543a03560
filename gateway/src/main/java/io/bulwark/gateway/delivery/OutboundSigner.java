package io.bulwark.gateway.delivery;

import io.bulwark.gateway.spool.SpoolMetadata;
import java.util.Optional;

/**
 * Signs a message on its way out, over exactly the bytes about to be sent (DKIM, RFC 6376): called
 * by the {@link DeliveryAgent} for each transaction, after every change the gateway made (our
 * Received header, the policy's variant or inserted header lines), so nothing is changed after the
 * signature. Implementations decide whether the message is theirs to sign (outgoing, a key for its
 * From domain). Thread-safe.
 */
public interface OutboundSigner {
    /** Signs nothing. */
    OutboundSigner NONE = (message, content) -> Optional.empty();

    /**
     * The header lines to send before {@code content}, each ending in CRLF, or empty to send it as it is.
     *
     * @param message the spooled message (envelope facts: whether it is outgoing)
     * @param content the whole message as it will be sent, without the returned lines
     */
    Optional<byte[]> sign(SpoolMetadata message, byte[] content);
}
