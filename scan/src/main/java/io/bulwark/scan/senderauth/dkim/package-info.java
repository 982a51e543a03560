/**
 * DKIM (RFC 6376; ed25519-sha256 per RFC 8463; RFC 8301's algorithm and key-size rules): the
 * verifying check {@link io.bulwark.scan.senderauth.dkim.DkimCheck} with its
 * {@link io.bulwark.scan.senderauth.dkim.DkimVerifier}, the
 * {@link io.bulwark.scan.senderauth.dkim.DkimSigner} the gateway signs outgoing mail with, and
 * the key material ({@link io.bulwark.scan.senderauth.dkim.SigningKey},
 * {@link io.bulwark.scan.senderauth.dkim.DkimKeys}). Our own code rather than a library (see
 * docs/adr/0010); what signer, verifier and ARC share (tag lists, canonicalisation, key records and
 * lookups, crypto) is in {@code internal}. Key lookups go through the node's
 * {@link io.bulwark.scan.dns.DnsLookup}, so the message's query budget and the cache apply.
 */
package io.bulwark.scan.senderauth.dkim;
