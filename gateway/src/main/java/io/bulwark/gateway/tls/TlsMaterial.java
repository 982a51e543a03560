package io.bulwark.gateway.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain (leaf first), as held in memory by {@link ServerTls}.
 * Never serialised: keys do not go into events or logs (only {@link #describe()}).
 *
 * @param key   the private key of the leaf certificate
 * @param chain the certificate chain, leaf first, not empty
 */
public record TlsMaterial(PrivateKey key, List<X509Certificate> chain) {

    public TlsMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** Subject, serial and expiry of the leaf, for logs. */
    public String describe() {
        X509Certificate leaf = leaf();
        return leaf.getSubjectX500Principal().getName() + " serial " + leaf.getSerialNumber().toString(16)
                + " valid until " + leaf.getNotAfter().toInstant();
    }

    /** Keeps the key out of accidental log lines. */
    @Override
    public String toString() {
        return "TlsMaterial[" + describe() + "]";
    }
}
