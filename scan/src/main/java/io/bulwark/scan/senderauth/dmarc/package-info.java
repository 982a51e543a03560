/**
 * The DMARC check (RFC 7489): aligns the From domain with what SPF and DKIM authenticated,
 * discovers the domain's policy over the node's {@link io.bulwark.scan.dns.DnsLookup} (budget,
 * cache and timeouts apply) with the Organizational Domain from the node's
 * {@link io.bulwark.scan.domain.PublicSuffixList}, and reports the policy to apply. Record
 * parsing, From extraction and the reading of ARC-recorded results live in {@code internal}.
 * See docs/scanning.md ("DMARC") and docs/conformance.md.
 */
package io.bulwark.scan.senderauth.dmarc;
