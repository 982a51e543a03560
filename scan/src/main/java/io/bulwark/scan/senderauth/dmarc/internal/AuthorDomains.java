package io.bulwark.scan.senderauth.dmarc.internal;

import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.MessageMemo;
import io.bulwark.scan.message.MessageView;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

/**
 * The Author Domains of a message: the domains of the mailboxes in its RFC5322.From field(s), as
 * RFC 7489 6.6.1 asks DMARC to find them, parsed with Apache mime4j's RFC 5322 address parser
 * (strict grammar first; the lenient parser only when the strict one refuses, and then a remark
 * says so).
 *
 * <p>What we decided where the RFCs leave room (docs/conformance.md, "DMARC"):
 * <ul>
 *   <li>No From field, a From without any mailbox (an empty group), a mailbox without a domain,
 *       or a domain that is not a DNS name (an address literal): {@link #problem()} is set and
 *       DMARC reports permerror. RFC 7489 6.6.1 says such messages "are typically rejected";
 *       rejecting is the rule's business, so the check reports and does not decide.</li>
 *   <li>Several From fields (RFC 5322 3.6 allows one) or several mailboxes in one: every distinct
 *       domain is an Author Domain, and the caller evaluates each and keeps the strictest outcome
 *       (RFC 7489 6.6.1: "apply the DMARC check using each of those domains ... and apply the
 *       most strict policy selected among the checks that fail"; DMARCbis keeps that choice and
 *       adds that receivers may reject such messages). A remark names the oddity. Domains that
 *       are the same after case folding and IDNA count once.</li>
 *   <li>At most {@link #MAX_DOMAINS} distinct domains are evaluated; more is a problem (each
 *       costs up to two DNS questions of the message's budget).</li>
 * </ul>
 *
 * @param domains lower-case A-label domains, in field order, without repeats; empty when
 *                {@link #problem()} is set
 * @param remarks oddities that did not stop evaluation (several fields or mailboxes, lenient
 *                parsing)
 * @param problem why no Author Domain could be found, or empty
 */
public record AuthorDomains(List<String> domains, List<String> remarks, String problem) {
    public static final int MAX_DOMAINS = 5;
    private static final Pattern FIELD_NAME = Pattern.compile("^[^:]*:");

    public AuthorDomains {
        domains = List.copyOf(domains);
        remarks = List.copyOf(remarks);
        problem = problem == null ? "" : problem;
    }

    private static AuthorDomains problem(String problem, List<String> remarks) {
        return new AuthorDomains(List.of(), remarks, problem);
    }

    private static final MessageMemo.Key<AuthorDomains> KEY = new MessageMemo.Key<>("dmarc author domains");

    /**
     * The Author Domains of a message, read once per view and kept in its memo (ADR 0040): DMARC
     * asks in its early start and again when it runs, often on the same view, and mime4j's address
     * parser allocates some 40 KB of buffers per field (the profile's AuthorDomains.parse).
     */
    public static AuthorDomains of(MessageView message) {
        return message.memo().get(KEY, () -> read(message));
    }

    private static AuthorDomains read(MessageView message) {
        List<HeaderField> fields = message.headers("From");
        List<String> remarks = new ArrayList<>();
        if (fields.isEmpty()) {
            return problem("the message has no From field", remarks);
        }
        if (fields.size() > 1) {
            remarks.add("the message has " + fields.size() + " From fields (RFC 5322 allows one)");
        }
        Set<String> domains = new LinkedHashSet<>();
        int mailboxes = 0;
        for (HeaderField field : fields) {
            String value = value(field);
            AddressList list = parse(value, remarks);
            if (list == null) {
                return problem("the From field cannot be read as an address list: " + shorten(value), remarks);
            }
            for (Mailbox mailbox : list.flatten()) {
                mailboxes++;
                String domain = mailbox.getDomain();
                if (domain == null || domain.isBlank()) {
                    return problem("the From address " + shorten(mailbox.getAddress()) + " has no domain", remarks);
                }
                String ascii = asciiDomain(domain);
                if (ascii == null) {
                    return problem("the From domain " + shorten(domain) + " is not a DNS name", remarks);
                }
                domains.add(ascii);
            }
        }
        if (mailboxes == 0) {
            return problem("the From field has no address", remarks);
        }
        if (mailboxes > 1) {
            remarks.add("From names " + mailboxes + " addresses"
                    + (domains.size() > 1 ? " in " + domains.size() + " domains; the strictest outcome counts" : ""));
        }
        if (domains.size() > MAX_DOMAINS) {
            return problem("From names " + domains.size() + " domains, more than the " + MAX_DOMAINS
                    + " DMARC evaluates", remarks);
        }
        return new AuthorDomains(List.copyOf(domains), remarks, "");
    }

    /**
     * The field's value from its raw form when there is one (unfolded, UTF-8 for internationalised
     * headers, RFC 6532), so that encoded words are not decoded into address syntax first.
     */
    private static String value(HeaderField field) {
        if (field.raw().isEmpty()) {
            return field.value();
        }
        String raw = field.raw().toString(StandardCharsets.UTF_8).replaceAll("\r?\n(?=[ \t])", "").strip();
        return FIELD_NAME.matcher(raw).replaceFirst("").strip();
    }

    private static AddressList parse(String value, List<String> remarks) {
        try {
            return DefaultAddressParser.DEFAULT.parseAddressList(value);
        } catch (ParseException | RuntimeException strict) {
            AddressList lenient;
            try {
                lenient = LenientAddressParser.DEFAULT.parseAddressList(value);
            } catch (RuntimeException e) {
                return null;
            }
            if (lenient == null || lenient.isEmpty()) {
                return null;
            }
            remarks.add("the From field does not follow RFC 5322 and was read leniently");
            return lenient;
        }
    }

    /** Lower-case A-labels without a trailing dot, or null for what cannot be a DNS domain. */
    public static String asciiDomain(String domain) {
        String d = domain.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.startsWith("[") || d.contains("..")) {
            return null;
        }
        try {
            // ALLOW_UNASSIGNED, no USE_STD3_ASCII_RULES: "_" stays legal, as it is in DNS names
            String ascii = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() || ascii.length() > 253 || ascii.chars().anyMatch(c -> c <= ' ' || c == 0x7f)
                    ? null : ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shorten(String s) {
        String one = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
