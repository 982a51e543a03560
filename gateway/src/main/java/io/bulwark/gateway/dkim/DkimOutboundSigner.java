package io.bulwark.gateway.dkim;

import io.bulwark.gateway.delivery.OutboundSigner;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.DkimSigner;
import io.bulwark.scan.senderauth.dkim.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DKIM signing of outgoing mail (RFC 6376 5): a message is signed when its client was trusted or
 * authenticated ({@link SpoolMetadata#outgoing()}) and the domain of its RFC5322.From address has a
 * key in the {@link DkimKeyRing} (or a parent domain has one).
 *
 * <p>The From domain, not the envelope's MAIL FROM: DMARC (RFC 7489 3.1) aligns DKIM's {@code d=}
 * with the From header, which is what readers see; MAIL FROM is SPF's, and empty for bounces. A
 * message whose From is missing, unreadable or names several domains is sent unsigned (RFC 5322
 * allows several From mailboxes, and which one a verifier aligns with is then undefined; DMARC
 * rejects such mail anyway). The From field used is the last one, the one the signer's {@code h=}
 * covers first (RFC 6376 5.4.2).
 *
 * <p>Stateless apart from the ring; thread-safe.
 */
public final class DkimOutboundSigner implements OutboundSigner {
    private static final Logger log = LoggerFactory.getLogger(DkimOutboundSigner.class);

    private final DkimKeyRing ring;
    private final Clock clock;

    public DkimOutboundSigner(DkimKeyRing ring, Clock clock) {
        this.ring = ring;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> sign(SpoolMetadata message, byte[] content) {
        if (!message.outgoing()) {
            return Optional.empty();
        }
        Optional<String> domain = fromDomain(RawMessage.of(content).fields());
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        Optional<SigningKey> key = ring.forFromDomain(domain.get());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String field = DkimSigner.sign(content, key.get(), clock.instant());
        log.debug("{}: signed for {} with {}._domainkey.{}", message.queueId(), domain.get(), key.get().selector(),
                key.get().domain());
        return Optional.of((field + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The one domain of the (last) From field's mailboxes, lower case; empty when there is none or several. */
    static Optional<String> fromDomain(List<HeaderField> fields) {
        HeaderField from = null;
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase("From")) {
                from = field;
            }
        }
        if (from == null) {
            return Optional.empty();
        }
        try {
            MailboxList mailboxes = DefaultAddressParser.DEFAULT.parseAddressList(from.value().strip()).flatten();
            List<String> domains = mailboxes.stream().map(Mailbox::getDomain).filter(d -> d != null && !d.isBlank())
                    .map(d -> d.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
            return domains.size() == 1 ? Optional.of(domains.getFirst()) : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
