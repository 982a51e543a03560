package io.bulwark.scan.senderauth.dkim;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.RawBytes;
import io.bulwark.scan.senderauth.dkim.DkimVerdict.Result;
import io.bulwark.scan.senderauth.dkim.internal.Canonicalization;
import io.bulwark.scan.senderauth.dkim.internal.DkimCrypto;
import io.bulwark.scan.senderauth.dkim.internal.HeaderSelection;
import io.bulwark.scan.senderauth.dkim.internal.KeyLookup;
import io.bulwark.scan.senderauth.dkim.internal.KeyRecord;
import io.bulwark.scan.senderauth.dkim.internal.TagList;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies every {@code DKIM-Signature} of a message (RFC 6376 6), each on its own, giving one
 * {@link DkimVerdict.Signature} per field in header order.
 *
 * <p>Why our own verifier: the Java library the issue names, Apache James jDKIM 0.5, knows
 * {@code rsa-sha1} and {@code rsa-sha256} only, not {@code ed25519-sha256} (RFC 8463), so it
 * cannot pass the RFC 8463 vectors; it also verifies rsa-sha1 and short keys, which RFC 8301 forbids,
 * and hashes through its own stream model rather than our raw windows. Canonicalisation, tag
 * parsing and crypto here are small (RFC 6376 3.2-3.7) and shared with the signer and ARC.
 *
 * <p>Results (RFC 8601 2.7.1) and when:
 * <ul>
 *   <li>{@code pass}: body hash and signature verify, and the body has nothing after {@code l=};</li>
 *   <li>{@code fail}: the body hash or the signature does not verify (the content changed, or it
 *       was never signed by that key);</li>
 *   <li>{@code policy}: the signature verifies but covers only the first {@code l=} octets of the
 *       body and more follows: anything can be appended to such a message (a whole new MIME part)
 *       without breaking it, so it is not taken as a pass. {@link DkimVerdict.Signature#unsignedTail()}
 *       says how much is unsigned;</li>
 *   <li>{@code permerror}: the signature cannot be checked and will not become checkable: broken or
 *       missing tags, {@code v=} other than 1, unknown algorithm or canonicalisation, {@code i=}
 *       outside {@code d=}, {@code h=} without From, expired ({@code x=}), {@code t=} in the future,
 *       no key, a revoked or unusable key, key flags or key {@code h=}/{@code s=}/{@code k=} that do
 *       not allow the signature. {@code rsa-sha1} signatures and RSA keys under 1024 bits are
 *       permerror as well: RFC 8301 3.1 and 3.2 say verifiers must not take them as valid, and
 *       they are properties of the signature and the key that retrying will not change (so not
 *       fail, which says the content did not verify, and not temperror);</li>
 *   <li>{@code temperror}: the key lookup failed temporarily (timeout, SERVFAIL): never a fail;</li>
 *   <li>{@code neutral}: not evaluated because of our own limits (the message's DNS query
 *       budget was spent, or the message has more than {@value #MAX_SIGNATURES} signatures).</li>
 * </ul>
 *
 * <p>Cost: each key record is fetched and parsed once per message, each distinct body hash
 * ({@code c=} body part and {@code l=}) is computed once, streaming over the raw body.
 *
 * <p>Thread-safe: all per-message state lives in one {@link #verify} call.
 */
public final class DkimVerifier {
    /** Signatures beyond this many are not evaluated (each may cost a DNS query and an RSA check). */
    public static final int MAX_SIGNATURES = 10;
    /** A {@code t=} this far ahead of our clock is still accepted (clocks of signers drift). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    public DkimVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * Verifies the {@code DKIM-Signature} fields among {@code fields}.
     *
     * @param fields the message's header fields as received, in order, with their raw forms
     * @param body   the raw body
     * @param dns    the message's DNS view
     */
    public DkimVerdict verify(List<HeaderField> fields, RawBytes body, DnsLookup dns) {
        Run run = new Run(fields, body, new KeyLookup(dns));
        List<DkimVerdict.Signature> results = new ArrayList<>();
        for (HeaderField f : fields) {
            if (!f.name().equalsIgnoreCase("DKIM-Signature")) {
                continue;
            }
            if (results.size() >= MAX_SIGNATURES) {
                results.add(new DkimVerdict.Signature(Result.NEUTRAL, "", "", "", "", "",
                        "not evaluated: the message has more than " + MAX_SIGNATURES + " signatures", 0));
                continue;
            }
            results.add(run.verify(f));
        }
        return new DkimVerdict(results);
    }

    /**
     * The key record names ({@code <selector>._domainkey.<domain>}) of the first
     * {@value #MAX_SIGNATURES} well-formed {@code DKIM-Signature} fields, as {@link #verify} would
     * ask for them: for asking them early and concurrently (the pipeline's prefetch).
     */
    public static List<String> keyNames(List<HeaderField> fields) {
        List<String> names = new ArrayList<>();
        int signatures = 0;
        for (HeaderField f : fields) {
            if (!f.name().equalsIgnoreCase("DKIM-Signature") || signatures++ >= MAX_SIGNATURES) {
                continue;
            }
            String raw = Canonicalization.stripLineBreak(f.raw().toString(StandardCharsets.ISO_8859_1));
            try {
                TagList tags = TagList.parse(raw.substring(raw.indexOf(':') + 1));
                String domain = tags.get("d").orElse("");
                String selector = tags.get("s").orElse("");
                if (!domain.isEmpty() && !selector.isEmpty()) {
                    names.add((selector + "._domainkey." + domain).toLowerCase(Locale.ROOT));
                }
            } catch (TagList.SyntaxException e) {
                // verify reports it
            }
        }
        return names;
    }

    /** A result decided before the end: the reason is the message. */
    private static final class Verdict extends Exception {
        final Result result;

        Verdict(Result result, String reason) {
            super(reason, null, false, false);
            this.result = result;
        }
    }

    private static Verdict permerror(String reason) {
        return new Verdict(Result.PERMERROR, reason);
    }

    private final class Run {
        private final List<HeaderField> fields;
        private final RawBytes body;
        private final KeyLookup keys;
        private final Map<String, Canonicalization.BodyHash> bodyHashes = new HashMap<>();

        Run(List<HeaderField> fields, RawBytes body, KeyLookup keys) {
            this.fields = fields;
            this.body = body;
            this.keys = keys;
        }

        DkimVerdict.Signature verify(HeaderField field) {
            String raw = Canonicalization.stripLineBreak(field.raw().toString(StandardCharsets.ISO_8859_1));
            TagList tags;
            try {
                tags = TagList.parse(raw.substring(raw.indexOf(':') + 1));
            } catch (TagList.SyntaxException e) {
                return new DkimVerdict.Signature(Result.PERMERROR, "", "", "", "", "",
                        "signature syntax: " + e.getMessage(), 0);
            }
            String domain = tags.get("d").orElse("").toLowerCase(Locale.ROOT);
            String selector = tags.get("s").orElse("");
            String algorithm = tags.get("a").orElse("").toLowerCase(Locale.ROOT);
            String identity = tags.get("i").map(DkimVerifier::quotedPrintable).orElse("");
            String b = tags.compact("b").orElse("");
            String headerB = b.substring(0, Math.min(8, b.length()));
            long[] tail = {0};
            Result result;
            String reason;
            try {
                reason = check(raw, tags, domain, selector, algorithm, identity, tail);
                result = tail[0] > 0 ? Result.POLICY : Result.PASS;
            } catch (Verdict v) {
                result = v.result;
                reason = v.getMessage();
            }
            return new DkimVerdict.Signature(result, domain, selector, algorithm, identity, headerB, reason, tail[0]);
        }

        private String check(String raw, TagList tags, String domain, String selector, String algorithm,
                String identity, long[] tail) throws Verdict {
            for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
                if (!tags.has(required)) {
                    throw permerror("required tag " + required + "= is missing (RFC 6376 3.5)");
                }
            }
            if (!tags.get("v").orElseThrow().equals("1")) {
                throw permerror("version v=" + tags.get("v").orElseThrow() + " is not 1");
            }
            if (algorithm.equals(DkimCrypto.RSA_SHA1)) {
                throw permerror("rsa-sha1 signatures are not accepted (RFC 8301 3.1)");
            }
            if (!algorithm.equals(DkimCrypto.RSA_SHA256) && !algorithm.equals(DkimCrypto.ED25519_SHA256)) {
                throw permerror("algorithm a=" + algorithm + " is not supported");
            }
            String[] c = tags.get("c").orElse("simple/simple").split("/", -1);
            Optional<Canonicalization> headerC = Canonicalization.of(c[0].strip());
            Optional<Canonicalization> bodyC = c.length == 1 ? Optional.of(Canonicalization.SIMPLE)
                    : Canonicalization.of(c[1].strip());
            if (c.length > 2 || headerC.isEmpty() || bodyC.isEmpty()) {
                throw permerror("canonicalization c=" + tags.get("c").orElseThrow() + " is not supported");
            }
            if (tags.has("q") && !TagList.items(tags.get("q").orElseThrow()).contains("dns/txt")) {
                throw permerror("query method q=" + tags.get("q").orElseThrow() + " is not dns/txt");
            }
            if (domain.isEmpty() || selector.isEmpty()) {
                throw permerror("d= or s= is empty");
            }
            String identityDomain = identity.isEmpty() ? domain
                    : identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!identity.isEmpty() && (identity.indexOf('@') < 0
                    || !(identityDomain.equals(domain) || identityDomain.endsWith("." + domain)))) {
                throw permerror("identity i=" + identity + " is not within d=" + domain + " (RFC 6376 3.5)");
            }
            List<String> signed = TagList.items(tags.get("h").orElseThrow());
            if (!signed.contains("from")) {
                throw permerror("h= does not include From (RFC 6376 5.4)");
            }
            long length = number(tags, "l");
            long timestamp = number(tags, "t");
            long expiry = number(tags, "x");
            long now = clock.instant().getEpochSecond();
            if (expiry >= 0 && timestamp >= 0 && expiry < timestamp) {
                throw permerror("x= is before t= (RFC 6376 3.5)");
            }
            if (expiry >= 0 && expiry < now) {
                throw permerror("signature expired at x=" + expiry);
            }
            if (timestamp > now + CLOCK_SKEW.toSeconds()) {
                throw permerror("signature timestamp t=" + timestamp + " is in the future");
            }
            byte[] bh = base64(tags.compact("bh").orElseThrow(), "bh");
            byte[] b = base64(tags.compact("b").orElseThrow(), "b");

            KeyRecord key = key(selector, domain, algorithm, identityDomain);

            Canonicalization.BodyHash computed = bodyHash(bodyC.get(), length);
            if (!MessageDigest.isEqual(computed.digest(), bh)) {
                throw new Verdict(Result.FAIL, "body hash did not verify (the body changed after signing)");
            }
            byte[] data = HeaderSelection.hashInput(headerC.get(), fields, signed, TagList.withoutValue(raw, "b"));
            if (!DkimCrypto.verify(algorithm, key.key(), data, b)) {
                throw new Verdict(Result.FAIL, "signature did not verify (signed header fields changed, or"
                        + " not signed with this key)");
            }
            String testing = key.testing() ? "; the domain says it is testing DKIM (t=y)" : "";
            if (length >= 0 && computed.canonicalLength() > length) {
                tail[0] = computed.canonicalLength() - length;
                return "signature verifies but covers only the first " + length + " octets of the body (l=); "
                        + tail[0] + " octets after them are unsigned" + testing;
            }
            return "signature verified" + testing;
        }

        private KeyRecord key(String selector, String domain, String algorithm, String identityDomain)
                throws Verdict {
            KeyRecord key = switch (keys.key(selector, domain)) {
                case KeyLookup.Found f -> f.key();
                case KeyLookup.Missing m -> throw new Verdict(switch (m.kind()) {
                    case PERMANENT -> Result.PERMERROR;
                    case TEMPORARY -> Result.TEMPERROR;
                    case BUDGET -> Result.NEUTRAL;
                }, m.reason());
            };
            Optional<String> refusal = key.refusal(algorithm, selector, domain);
            if (refusal.isPresent()) {
                throw permerror(refusal.get());
            }
            if (key.strict() && !identityDomain.equals(domain)) {
                throw permerror("the key has t=s but i= is in a subdomain of " + domain);
            }
            return key;
        }

        private Canonicalization.BodyHash bodyHash(Canonicalization c, long length) {
            return bodyHashes.computeIfAbsent(c.keyword() + "/" + length,
                    k -> c.hashBody(body, length, DkimCrypto.sha256()));
        }
    }

    /** A decimal tag value, or -1 when absent. */
    private static long number(TagList tags, String tag) throws Verdict {
        Optional<String> value = tags.get(tag);
        if (value.isEmpty()) {
            return -1;
        }
        if (!value.get().matches("[0-9]{1,18}")) {
            throw permerror(tag + "=" + value.get() + " is not a number");
        }
        return Long.parseLong(value.get());
    }

    private static byte[] base64(String value, String tag) throws Verdict {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw permerror(tag + "= is not base64");
        }
    }

    /** Decodes dkim-quoted-printable ({@code =XX}, RFC 6376 2.11), as {@code i=} may be written. */
    private static String quotedPrintable(String value) {
        if (value.indexOf('=') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '=' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
