package io.bulwark.events.message;

/**
 * What transport security an outbound SMTP connection had, as recorded in delivery events.
 *
 * @param policy       the policy that applied to the destination: {@code none}, {@code may},
 *                     {@code encrypt} or {@code verify}
 * @param protocol     the negotiated TLS protocol (e.g. {@code TLSv1.3}), or {@code null} when the
 *                     message went in plain text
 * @param cipher       the negotiated cipher suite, or {@code null} in plain text
 * @param peerVerified whether the next hop's certificate chained to a trusted anchor and matched
 *                     its host name (always false in plain text)
 */
public record DeliveryTls(String policy, String protocol, String cipher, boolean peerVerified) {

    /** A connection that stayed in plain text under {@code policy}. */
    public static DeliveryTls plain(String policy) {
        return new DeliveryTls(policy, null, null, false);
    }

    /** Whether the connection was encrypted. */
    public boolean encrypted() {
        return protocol != null;
    }
}
