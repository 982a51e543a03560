package io.bulwark.admin.dkim;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * The SPF (RFC 7208) and DMARC (RFC 7489) records the console suggests for an outgoing domain: a
 * starting point for the administrator, not something we can know to be complete.
 *
 * <p>SPF: {@code v=spf1 ip4:<a> ip6:<b> mx -all} when the addresses this gateway sends from are
 * configured ({@code bulwark.dkim.public-addresses}); without them {@code v=spf1 mx ~all}, i.e. "the
 * domain's MX hosts send its mail" (true when this gateway is both the MX and the outbound relay)
 * with a soft fail, because we cannot know which other servers send for the domain (a newsletter
 * service, a CRM). The note says so, and that an existing SPF record must be merged, not replaced
 * (a domain may publish only one, RFC 7208 3.2).
 *
 * <p>DMARC: {@code v=DMARC1; p=quarantine; rua=mailto:dmarc@<domain>} at {@code _dmarc.<domain>}: a
 * policy that protects without losing mail outright, with aggregate reports to a mailbox of the
 * domain; {@code p=none} first if other senders are not yet known. Immutable and thread-safe.
 */
public final class SenderRecords {
    private final List<InetAddress> publicAddresses;

    /** @param publicAddresses the addresses this gateway's mail leaves from, as seen on the Internet */
    public SenderRecords(List<InetAddress> publicAddresses) {
        this.publicAddresses = List.copyOf(publicAddresses);
    }

    /**
     * Suggested records of a domain.
     *
     * @param spfName   where SPF is published (the domain)
     * @param spf       the SPF record
     * @param dmarcName where DMARC is published ({@code _dmarc.<domain>})
     * @param dmarc     the DMARC record
     * @param note      what the suggestion assumes
     */
    public record Suggestion(String spfName, String spf, String dmarcName, String dmarc, String note) {
    }

    /** The suggestion for {@code domain}. */
    public Suggestion suggest(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        StringBuilder spf = new StringBuilder("v=spf1");
        for (InetAddress address : publicAddresses) {
            spf.append(address instanceof java.net.Inet6Address ? " ip6:" : " ip4:").append(address.getHostAddress());
        }
        spf.append(" mx ").append(publicAddresses.isEmpty() ? "~all" : "-all");
        String note = (publicAddresses.isEmpty()
                ? "This gateway's public sending address is not configured (bulwark.dkim.public-addresses), so the "
                        + "SPF suggestion names only the domain's MX hosts and soft-fails the rest. "
                : "The SPF suggestion names this gateway's public addresses and the domain's MX hosts. ")
                + "Add every other server that sends mail for " + d + "; if the domain already publishes SPF, merge "
                + "into that record (only one is allowed). Start DMARC with p=none if unsure who else sends.";
        return new Suggestion(d, spf.toString(), "_dmarc." + d, "v=DMARC1; p=quarantine; rua=mailto:dmarc@" + d, note);
    }
}
