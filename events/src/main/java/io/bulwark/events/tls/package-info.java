/**
 * Certificates of the SMTP listener: the contract between the administrators who manage them and the
 * gateway nodes that present them in STARTTLS (reference notes H.3).
 *
 * <p>All certificates form one aggregate, {@value CertificateIds#AGGREGATE_ID}: which one is active
 * is an invariant across certificates (exactly one, never a deleted or expired one), and a node
 * finds the active certificate by reading that one short stream. Key material (private keys, PKCS#12
 * files) never enters a command or an event: it is stored encrypted in the {@code tls_keys}
 * collection under a key id; events carry only ids and the public facts of the certificate
 * ({@link CertificateDetails}) and the actor.
 */
package io.bulwark.events.tls;
