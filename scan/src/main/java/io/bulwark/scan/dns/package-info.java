/**
 * The node's DNS service for engines: {@link io.bulwark.scan.dns.DnsLookup} (the questions),
 * {@link io.bulwark.scan.dns.DnsResult} (the closed set of answers), {@link
 * io.bulwark.scan.dns.DnsjavaLookup} (the implementation, one per node). See
 * docs/scanning-services.md.
 */
package io.bulwark.scan.dns;
