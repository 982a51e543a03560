/**
 * The SPF check (RFC 7208): is the SMTP client allowed to send for the MAIL FROM (or HELO) domain?
 * Evaluation is Apache James jSPF's; every DNS question it asks goes through the node's
 * {@link io.bulwark.scan.dns.DnsLookup}, so the per-message query budget, the cache and the
 * configured resolvers and timeouts apply (no second resolver). The adapter lives in
 * {@code internal}.
 */
package io.bulwark.scan.senderauth.spf;
