package io.bulwark.events.tls;

/** Identifiers shared by the certificate commands, events and the nodes that follow them. */
public final class CertificateIds {
    /** The aggregate (and event stream) holding every listener certificate. */
    public static final String AGGREGATE_ID = "tls-certificates";

    private CertificateIds() {
    }
}
