package io.bulwark.admin.dkim;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.dkim.CreateDkimKeyCommand;
import io.bulwark.events.dkim.DeleteDkimKeyCommand;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.dkim.DkimKeyIds;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The DKIM signing keys of every outgoing domain, as <em>one</em> event-sourced aggregate
 * (identifier {@value DkimKeyIds#AGGREGATE_ID}), like the listener certificates: the invariant
 * spans keys (a domain and selector name one key, since the selector is where the public key is
 * published), and a gateway node learns every key by reading this one short stream.
 *
 * <p>Validation: the domain is a DNS name of two or more labels (letters, digits, hyphens; an
 * internationalised domain is given as A-labels), the selector is RFC 6376 3.1's {@code selector =
 * sub-domain *( "." sub-domain )}; the algorithm is one the signer knows; the signed headers include
 * {@code From} (RFC 6376 5.4); {@code c=} is {@code simple} or {@code relaxed} for header and body;
 * a signature validity is 1 to 3650 days. The domain is recorded lower case.
 *
 * <p>Command handlers validate, then apply; event-sourcing handlers only assign. Both commands use
 * {@code CREATE_IF_MISSING}, so the first key creates the aggregate. Times come from Axon's event
 * clock. Confined to one unit of work at a time by the repository's locking.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class DkimSigningKeys {
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + LABEL + "\\.)+" + LABEL + "\\.?");
    /** RFC 6376 3.1 (sub-domain of RFC 5321: Let-dig [Ldh-str]), labels of at most 63 octets. */
    private static final Pattern SELECTOR = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
    private static final Set<String> ALGORITHMS = Set.of(DkimKeyIds.RSA_2048, "rsa-3072", "rsa-4096",
            DkimKeyIds.ED25519);
    private static final Set<String> CANONICALIZATIONS = Set.of("simple", "relaxed", "simple/simple",
            "simple/relaxed", "relaxed/simple", "relaxed/relaxed");
    static final int MAX_VALIDITY_DAYS = 3650;

    @AggregateIdentifier
    private String id;
    private final Map<String, String> keys = new HashMap<>();

    /** For Axon: instances are rebuilt from events. */
    protected DkimSigningKeys() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateDkimKeyCommand command) {
        requireActor(command.actor());
        if (command.keyId() == null || !ID.matcher(command.keyId()).matches()) {
            throw new InvalidDkimKeyException("A key id is 1-64 letters, digits, '-' or '_'");
        }
        if (keys.containsKey(command.keyId())) {
            throw new DkimKeyConflictException("DKIM key '" + command.keyId() + "' exists already");
        }
        String domain = domain(command.domain());
        String selector = command.selector() == null ? "" : command.selector().strip();
        if (selector.length() > 253 || !SELECTOR.matcher(selector).matches()) {
            throw new InvalidDkimKeyException("A selector is one or more DNS labels separated by dots (letters, "
                    + "digits, hyphens; RFC 6376 3.1): '" + command.selector() + "'");
        }
        String name = nameOf(selector, domain);
        if (keys.containsValue(name)) {
            throw new DkimKeyConflictException("Domain " + domain + " has a key with selector '" + selector
                    + "' already: choose a new selector to rotate");
        }
        if (command.algorithm() == null || !ALGORITHMS.contains(command.algorithm())) {
            throw new InvalidDkimKeyException("The algorithm is rsa-2048 or ed25519, not '" + command.algorithm() + "'");
        }
        if (!DkimKeyIds.GENERATED.equals(command.origin()) && !DkimKeyIds.IMPORTED.equals(command.origin())) {
            throw new InvalidDkimKeyException("The key's origin is GENERATED or IMPORTED");
        }
        if (command.dnsRecord() == null || !command.dnsRecord().startsWith("v=DKIM1;")) {
            throw new InvalidDkimKeyException("The key's DNS record is required");
        }
        requireHeaders(command.signedHeaders());
        String canonicalization = command.canonicalization() == null || command.canonicalization().isBlank()
                ? null : command.canonicalization().strip().toLowerCase(Locale.ROOT);
        if (canonicalization != null && !CANONICALIZATIONS.contains(canonicalization)) {
            throw new InvalidDkimKeyException("Canonicalization is simple or relaxed for header and body, e.g. "
                    + "relaxed/relaxed, not '" + command.canonicalization() + "'");
        }
        Integer days = command.signatureValidityDays();
        if (days != null && (days < 1 || days > MAX_VALIDITY_DAYS)) {
            throw new InvalidDkimKeyException("A signature validity is 1 to " + MAX_VALIDITY_DAYS + " days");
        }
        apply(new DkimKeyCreatedEvent(command.keyId(), domain, selector, command.algorithm(), command.origin(),
                command.dnsRecord(), command.signedHeaders(), canonicalization, days, command.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeleteDkimKeyCommand command) {
        requireActor(command.actor());
        String name = command.keyId() == null ? null : keys.get(command.keyId());
        if (name == null) {
            throw new UnknownDkimKeyException(command.keyId());
        }
        int split = name.indexOf("._domainkey.");
        apply(new DkimKeyDeletedEvent(command.keyId(), name.substring(split + "._domainkey.".length()),
                name.substring(0, split), command.actor(), now()));
    }

    @EventSourcingHandler
    void on(DkimKeyCreatedEvent event) {
        id = DkimKeyIds.AGGREGATE_ID;
        keys.put(event.keyId(), nameOf(event.selector(), event.domain()));
    }

    @EventSourcingHandler
    void on(DkimKeyDeletedEvent event) {
        keys.remove(event.keyId());
    }

    /** Selectors compare case-insensitively, as DNS names do. */
    private static String nameOf(String selector, String domain) {
        return selector.toLowerCase(Locale.ROOT) + "._domainkey." + domain;
    }

    private static String domain(String domain) {
        String d = domain == null ? "" : domain.strip();
        if (d.length() > 253 || !DOMAIN.matcher(d).matches() || d.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw new InvalidDkimKeyException("The domain must be a DNS name such as example.com (an "
                    + "internationalised name as A-labels, xn--...): '" + domain + "'");
        }
        d = d.toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static void requireHeaders(List<String> headers) {
        for (String header : headers) {
            if (header == null || !HEADER_NAME.matcher(header).matches()) {
                throw new InvalidDkimKeyException("Not a header field name: '" + header + "'");
            }
        }
        if (!headers.isEmpty() && headers.stream().noneMatch("From"::equalsIgnoreCase)) {
            throw new InvalidDkimKeyException("The signed headers must include From (RFC 6376 5.4)");
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidDkimKeyException("The actor is required");
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
