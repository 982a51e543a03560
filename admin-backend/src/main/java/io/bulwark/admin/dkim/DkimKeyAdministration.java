package io.bulwark.admin.dkim;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.admin.tls.CertificateTools;
import io.bulwark.events.dkim.CreateDkimKeyCommand;
import io.bulwark.events.dkim.DeleteDkimKeyCommand;
import io.bulwark.events.dkim.DkimKeyIds;
import io.bulwark.events.dkim.DkimKeyView;
import io.bulwark.events.dkim.FindDkimKeysQuery;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.senderauth.dkim.DkimKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;

/**
 * DKIM key management behind the REST API and the console: generates (or reads an imported) key,
 * seals it in the {@link DkimKeyVault} <em>before</em> sending the command that records it, and
 * removes it again if the command is refused, so an event never names a key that is not stored and
 * no refused request leaves a key behind. Also checks whether DNS publishes a key's record (through
 * the project's {@link DnsLookup}, uncached) and suggests the SPF and DMARC records of a domain
 * ({@link SenderRecords}). Reads go through the query bus.
 *
 * <p>Refusals: {@link InvalidDkimKeyException} (400), {@link UnknownDkimKeyException} (404),
 * {@link DkimKeyConflictException} (409). Stateless and thread-safe.
 */
public class DkimKeyAdministration {
    /** What DNS answered for a key's record. */
    public enum DnsStatus {
        /** The TXT record at the key's name is the one to publish (the same {@code p=}). */
        PUBLISHED,
        /** No TXT record at the key's name (NXDOMAIN or no TXT). */
        MISSING,
        /** A TXT record is there but carries another key (or is not a DKIM key record). */
        DIFFERENT,
        /** DNS did not answer (timeout, SERVFAIL, ...): try again later. */
        DNS_ERROR;

        /** As the API writes it: {@code published}, {@code missing}, {@code different}, {@code dns-error}. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The outcome of a DNS check.
     *
     * @param status    the verdict
     * @param dnsName   the name asked
     * @param found     the TXT values found there (empty when none)
     * @param detail    a sentence for the administrator
     */
    public record DnsCheck(DnsStatus status, String dnsName, List<String> found, String detail) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DkimKeyVault vault;
    private final DnsLookup dns;
    private final SenderRecords records;

    public DkimKeyAdministration(CommandGateway commands, QueryGateway queries, DkimKeyVault vault, DnsLookup dns,
            SenderRecords records) {
        this.commands = commands;
        this.queries = queries;
        this.vault = vault;
        this.dns = dns;
        this.records = records;
    }

    /** Every key, by domain, newest first. */
    public List<DkimKeyView> keys() {
        return await(queries.query(new FindDkimKeysQuery(), ResponseTypes.multipleInstancesOf(DkimKeyView.class)));
    }

    /** One key. */
    public Optional<DkimKeyView> key(String keyId) {
        return keys().stream().filter(k -> k.id().equals(keyId)).findFirst();
    }

    /** The SPF and DMARC records to suggest for a domain. */
    public SenderRecords.Suggestion suggestions(String domain) {
        return records.suggest(domain);
    }

    /**
     * Generates a key pair ({@value DkimKeyIds#RSA_2048} or {@value DkimKeyIds#ED25519}), seals the
     * private key and records the key; returns its id once the list shows it.
     */
    public String create(String domain, String selector, String algorithm, List<String> signedHeaders,
            String canonicalization, Integer signatureValidityDays, String actor) {
        String type = algorithm == null ? "" : algorithm.strip().toLowerCase(Locale.ROOT);
        if (!type.equals(DkimKeyIds.RSA_2048) && !type.equals(DkimKeyIds.ED25519)) {
            throw new InvalidDkimKeyException("The algorithm is rsa-2048 or ed25519, not '" + algorithm + "'");
        }
        KeyPair pair = DkimKeys.generate(type);
        return record(pair.getPrivate(), pair.getPublic(), type, DkimKeyIds.GENERATED, domain, selector,
                signedHeaders, canonicalization, signatureValidityDays, actor);
    }

    /**
     * Imports a PEM private key (PKCS#8, or PKCS#1 RSA; optionally encrypted): RSA of 2048, 3072 or
     * 4096 bits (RFC 8301 3.2 asks for at least 1024 and recommends 2048; we take no less than 2048),
     * or Ed25519. Returns the key's id.
     */
    public String importPem(String domain, String selector, String keyPem, String keyPassword,
            List<String> signedHeaders, String canonicalization, Integer signatureValidityDays, String actor) {
        PrivateKey key;
        try {
            key = CertificateTools.readKey(keyPem, keyPassword == null ? null : keyPassword.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidDkimKeyException(e.getMessage(), e);
        }
        DkimKeyImport.Imported imported = DkimKeyImport.of(key);
        return record(imported.privateKey(), imported.publicKey(), imported.algorithm(), DkimKeyIds.IMPORTED, domain,
                selector, signedHeaders, canonicalization, signatureValidityDays, actor);
    }

    /** Retires and deletes a key with its sealed private key. */
    public void delete(String keyId, String actor) {
        send(new DeleteDkimKeyCommand(keyId, actor));
        vault.delete(keyId);
        BusCalls.awaitVisible(() -> key(keyId).isEmpty());
    }

    /**
     * Asks DNS for the TXT record at the key's name and compares its {@code p=} with the key's.
     *
     * @throws UnknownDkimKeyException when there is no such key
     */
    public DnsCheck checkDns(String keyId) {
        DkimKeyView key = key(keyId).orElseThrow(() -> new UnknownDkimKeyException(keyId));
        String name = key.dnsName();
        String expected = tag(key.dnsRecord(), "p");
        DnsResult<String> answer = dns.txt(name);
        return switch (answer) {
            case DnsResult.Records<String> found -> {
                boolean same = found.values().stream().anyMatch(v -> expected != null
                        && expected.equals(tag(v, "p")) && keyTypeOf(v).equals(keyTypeOf(key.dnsRecord())));
                yield same
                        ? new DnsCheck(DnsStatus.PUBLISHED, name, found.values(), "DNS publishes this key at " + name)
                        : new DnsCheck(DnsStatus.DIFFERENT, name, found.values(),
                                "The TXT record at " + name + " is not this key's: publish the record shown");
            }
            case DnsResult.NoRecords<String> none -> new DnsCheck(DnsStatus.MISSING, name, List.of(),
                    name + " has no TXT record: publish the record shown");
            case DnsResult.NoSuchDomain<String> none -> new DnsCheck(DnsStatus.MISSING, name, List.of(),
                    name + " does not exist in DNS: publish the record shown");
            case DnsResult.TemporaryFailure<String> failure -> new DnsCheck(DnsStatus.DNS_ERROR, name, List.of(),
                    "DNS did not answer for " + name + ": " + failure.reason());
            case DnsResult.BudgetExhausted<String> spent -> new DnsCheck(DnsStatus.DNS_ERROR, name, List.of(),
                    "DNS was not asked: query budget spent");
        };
    }

    /** The value of a tag in a {@code tag=value; ...} list (RFC 6376 3.2), whitespace removed, or null. */
    static String tag(String record, String name) {
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                return part.substring(eq + 1).replaceAll("\\s+", "");
            }
        }
        return null;
    }

    private static String keyTypeOf(String record) {
        String k = tag(record, "k");
        return k == null ? "rsa" : k; // RFC 6376 3.6.1: k= defaults to rsa
    }

    private String record(PrivateKey privateKey, PublicKey publicKey, String algorithm, String origin, String domain,
            String selector, List<String> signedHeaders, String canonicalization, Integer signatureValidityDays,
            String actor) {
        String keyId = UUID.randomUUID().toString();
        String normalDomain = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        try {
            vault.store(keyId, normalDomain, selector == null ? "" : selector.strip(), privateKey);
        } catch (GeneralSecurityException e) {
            throw new InvalidDkimKeyException("Cannot store the key: " + e.getMessage(), e);
        }
        try {
            send(new CreateDkimKeyCommand(keyId, normalDomain, selector, algorithm, origin,
                    DkimKeys.dnsRecord(publicKey), signedHeaders, canonicalization, signatureValidityDays, actor));
        } catch (RuntimeException e) {
            vault.delete(keyId); // refused: the key must not outlive the command
            throw e;
        }
        BusCalls.awaitVisible(() -> key(keyId).isPresent());
        return keyId;
    }

    private void send(Object command) {
        await(commands.send(command));
    }

    private static <T> T await(CompletableFuture<T> future) {
        return BusCalls.await(future, "DKIM keys");
    }
}
