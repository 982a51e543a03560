package io.bulwark.events.tls;

/** Key types a certificate created here may have (imported ones: any RSA of 2048 bits or more, or EC). */
public enum TlsKeyType {
    /** RSA, 2048 bits: understood by every SMTP client. */
    RSA_2048,
    /** ECDSA on P-256: smaller and faster; a few old clients cannot use it. */
    EC_P256
}
