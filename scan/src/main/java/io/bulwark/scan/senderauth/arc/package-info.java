/**
 * ARC (RFC 8617): chain validation as the check {@link io.bulwark.scan.senderauth.arc.ArcCheck}
 * ({@link io.bulwark.scan.senderauth.arc.ArcValidator}), on the DKIM package's canonicalisation,
 * key records and crypto; the {@link io.bulwark.scan.senderauth.arc.ArcVerdict} is what DMARC
 * reads to honour trusted sealers. We validate; we do not seal.
 */
package io.bulwark.scan.senderauth.arc;
