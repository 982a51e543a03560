package io.bulwark.scan.senderauth.arc;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.RawBytes;
import io.bulwark.scan.senderauth.arc.ArcVerdict.Hop;
import io.bulwark.scan.senderauth.arc.ArcVerdict.Result;
import io.bulwark.scan.senderauth.dkim.internal.Canonicalization;
import io.bulwark.scan.senderauth.dkim.internal.DkimCrypto;
import io.bulwark.scan.senderauth.dkim.internal.HeaderSelection;
import io.bulwark.scan.senderauth.dkim.internal.KeyLookup;
import io.bulwark.scan.senderauth.dkim.internal.KeyRecord;
import io.bulwark.scan.senderauth.dkim.internal.TagList;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARC chain validation (RFC 8617 5.2) with the DKIM module's canonicalisation, key records and
 * crypto: collect the ARC sets; none is {@code none}; the newest seal saying {@code cv=fail}, a
 * broken structure (each instance 1..N exactly one {@code ARC-Authentication-Results},
 * {@code ARC-Message-Signature} and {@code ARC-Seal}, no gaps, {@code cv=none} at i=1 and
 * {@code cv=pass} above), the newest AMS not verifying, or any seal not verifying is
 * {@code fail}; otherwise {@code pass}, with the oldest instance whose AMS still verifies
 * ({@code oldest-pass}, 0 when all do, RFC 8617 5.2 step 5).
 *
 * <p>Signatures: the AMS is a DKIM signature without {@code v=} whose {@code i=} is the instance
 * (RFC 8617 4.1.2); the seal hashes, with relaxed header canonicalisation, the three fields of
 * every set from 1 up to its own, in the order AAR, AMS, AS, its own with {@code b=} emptied
 * (RFC 8617 5.1.1); a seal with {@code h=} is invalid (4.1.3). Algorithms: {@code rsa-sha256}
 * (RFC 8617 4.1.2) and {@code ed25519-sha256}, which the ARC multi-algorithm draft adds and
 * senders use; keys follow the DKIM rules (RFC 8301: no RSA keys under 1024 bits).
 *
 * <p>DNS: a key lookup that fails temporarily makes the whole validation temporary
 * ({@link Outcome#temporary()}): the chain may validate when asked again.
 *
 * <p>Thread-safe: per-message state lives in one {@link #validate} call.
 */
public final class ArcValidator {
    /** RFC 8617 4.2.1: at most 50 ARC sets. */
    public static final int MAX_SETS = 50;

    private static final Pattern AAR_INSTANCE = Pattern.compile("^\\s*i\\s*=\\s*([0-9]+)\\s*;(.*)$", Pattern.DOTALL);

    /**
     * The validation's result.
     *
     * @param verdict    the chain status with its reason and hops
     * @param oldestPass the oldest-pass value when the chain passes, else -1
     * @param temporary  a key lookup failed temporarily (then the verdict is not final)
     */
    public record Outcome(ArcVerdict verdict, int oldestPass, boolean temporary) {
    }

    /** The three fields of one instance. */
    private static final class ArcSet {
        HeaderField aar;
        HeaderField ams;
        HeaderField seal;
        String aarPayload = "";
        TagList amsTags;
        TagList sealTags;
    }

    /** A validation that ends early: fail with a reason, or temporary. */
    private static final class Stop extends Exception {
        final boolean temporary;

        Stop(String reason, boolean temporary) {
            super(reason, null, false, false);
            this.temporary = temporary;
        }
    }

    /** Validates the ARC chain among {@code fields} (the raw header fields in order) over {@code body}. */
    public Outcome validate(List<HeaderField> fields, RawBytes body, DnsLookup dns) {
        TreeMap<Integer, ArcSet> sets = new TreeMap<>();
        try {
            collect(fields, sets);
        } catch (Stop s) {
            return new Outcome(new ArcVerdict(Result.FAIL, s.getMessage(), List.of()), -1, false);
        }
        if (sets.isEmpty()) {
            return new Outcome(ArcVerdict.none(), -1, false);
        }
        List<Hop> hops = new ArrayList<>();
        sets.forEach((i, set) -> hops.add(new Hop(i, set.sealTags == null ? "" : set.sealTags.get("d").orElse(""),
                set.aarPayload)));
        try {
            int n = structure(sets);
            KeyLookup keys = new KeyLookup(dns);
            verifyAms(sets.get(n), n, fields, body, keys);
            int oldestPass = 0;
            for (int i = n - 1; i >= 1; i--) {
                try {
                    verifyAms(sets.get(i), i, fields, body, keys);
                } catch (Stop s) {
                    if (s.temporary) {
                        throw s;
                    }
                    oldestPass = i + 1;
                    break;
                }
            }
            for (int i = n; i >= 1; i--) {
                verifySeal(sets, i, keys);
            }
            return new Outcome(new ArcVerdict(Result.PASS, "chain of " + n + " ARC set" + (n > 1 ? "s" : "")
                    + " validates", hops), oldestPass, false);
        } catch (Stop s) {
            return new Outcome(new ArcVerdict(Result.FAIL, s.getMessage(), hops), -1, s.temporary);
        }
    }

    private static void collect(List<HeaderField> fields, TreeMap<Integer, ArcSet> sets) throws Stop {
        for (HeaderField f : fields) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (!name.startsWith("arc-")) {
                continue;
            }
            String raw = Canonicalization.stripLineBreak(f.raw().toString(StandardCharsets.ISO_8859_1));
            String value = raw.substring(raw.indexOf(':') + 1);
            switch (name) {
                case "arc-authentication-results" -> {
                    Matcher m = AAR_INSTANCE.matcher(value);
                    if (!m.matches()) {
                        throw new Stop("an ARC-Authentication-Results field has no i= instance", false);
                    }
                    ArcSet set = set(sets, instance(m.group(1)));
                    if (set.aar != null) {
                        throw new Stop("two ARC-Authentication-Results fields for i=" + m.group(1), false);
                    }
                    set.aar = f;
                    set.aarPayload = m.group(2).replace("\r", "").replace("\n", "").replaceAll("[ \t]+", " ").strip();
                }
                case "arc-message-signature", "arc-seal" -> {
                    TagList tags = tags(value, f.name());
                    String i = tags.get("i").orElseThrow(() -> new Stop(f.name() + " has no i= instance", false));
                    ArcSet set = set(sets, instance(i));
                    boolean seal = name.equals("arc-seal");
                    if ((seal ? set.seal : set.ams) != null) {
                        throw new Stop("two " + f.name() + " fields for i=" + i, false);
                    }
                    if (seal) {
                        set.seal = f;
                        set.sealTags = tags;
                    } else {
                        set.ams = f;
                        set.amsTags = tags;
                    }
                }
                default -> {
                    // another arc-* field name: not part of a set
                }
            }
        }
    }

    private static TagList tags(String value, String field) throws Stop {
        try {
            return TagList.parse(value);
        } catch (TagList.SyntaxException e) {
            throw new Stop(field + " syntax: " + e.getMessage(), false);
        }
    }

    private static int instance(String text) throws Stop {
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_SETS) {
            throw new Stop("ARC instance i=" + text + " is not between 1 and " + MAX_SETS + " (RFC 8617 4.2.1)", false);
        }
        return Integer.parseInt(text);
    }

    private static ArcSet set(TreeMap<Integer, ArcSet> sets, int i) {
        return sets.computeIfAbsent(i, k -> new ArcSet());
    }

    /** RFC 8617 5.2 steps 2 and 3; returns N. */
    private static int structure(TreeMap<Integer, ArcSet> sets) throws Stop {
        int n = sets.lastKey();
        ArcSet newest = sets.get(n);
        if (newest.sealTags != null && "fail".equalsIgnoreCase(newest.sealTags.get("cv").orElse(""))) {
            throw new Stop("the newest ARC-Seal (i=" + n + ") says cv=fail", false);
        }
        for (int i = 1; i <= n; i++) {
            ArcSet set = sets.get(i);
            if (set == null) {
                throw new Stop("ARC set i=" + i + " is missing (the instances must run 1.." + n + ")", false);
            }
            if (set.aar == null || set.ams == null || set.seal == null) {
                throw new Stop("ARC set i=" + i + " lacks its " + (set.aar == null ? "ARC-Authentication-Results"
                        : set.ams == null ? "ARC-Message-Signature" : "ARC-Seal"), false);
            }
            String cv = set.sealTags.get("cv").orElse("").toLowerCase(Locale.ROOT);
            String wanted = i == 1 ? "none" : "pass";
            if (!cv.equals(wanted)) {
                throw new Stop("ARC-Seal i=" + i + " has cv=" + cv + ", RFC 8617 5.2 requires cv=" + wanted, false);
            }
        }
        return n;
    }

    private void verifyAms(ArcSet set, int i, List<HeaderField> fields, RawBytes body, KeyLookup keys) throws Stop {
        TagList tags = set.amsTags;
        String what = "ARC-Message-Signature i=" + i;
        for (String required : List.of("a", "b", "bh", "d", "h", "s")) {
            if (!tags.has(required)) {
                throw new Stop(what + " lacks " + required + "=", false);
            }
        }
        String[] c = tags.get("c").orElse("simple/simple").split("/", -1);
        Optional<Canonicalization> headerC = Canonicalization.of(c[0].strip());
        Optional<Canonicalization> bodyC = c.length == 1 ? Optional.of(Canonicalization.SIMPLE)
                : Canonicalization.of(c[1].strip());
        if (c.length > 2 || headerC.isEmpty() || bodyC.isEmpty()) {
            throw new Stop(what + " has an unknown canonicalization c=" + tags.get("c").orElseThrow(), false);
        }
        List<String> signed = TagList.items(tags.get("h").orElseThrow());
        if (signed.contains("arc-seal")) {
            throw new Stop(what + " signs ARC-Seal, which RFC 8617 4.1.2 forbids", false);
        }
        String algorithm = algorithm(tags, what);
        KeyRecord key = key(tags, algorithm, keys, what);
        long length = tags.get("l").filter(l -> l.matches("[0-9]{1,18}")).map(Long::parseLong).orElse(-1L);
        byte[] bh = base64(tags.compact("bh").orElseThrow(), what);
        byte[] computed = bodyC.get().hashBody(body, length, DkimCrypto.sha256()).digest();
        if (!MessageDigest.isEqual(bh, computed)) {
            throw new Stop(what + ": body hash did not verify", false);
        }
        String raw = Canonicalization.stripLineBreak(set.ams.raw().toString(StandardCharsets.ISO_8859_1));
        byte[] data = HeaderSelection.hashInput(headerC.get(), fields, signed, TagList.withoutValue(raw, "b"));
        if (!DkimCrypto.verify(algorithm, key.key(), data, base64(tags.compact("b").orElseThrow(), what))) {
            throw new Stop(what + " did not verify", false);
        }
    }

    private void verifySeal(TreeMap<Integer, ArcSet> sets, int i, KeyLookup keys) throws Stop {
        ArcSet set = sets.get(i);
        TagList tags = set.sealTags;
        String what = "ARC-Seal i=" + i;
        for (String required : List.of("a", "b", "cv", "d", "s")) {
            if (!tags.has(required)) {
                throw new Stop(what + " lacks " + required + "=", false);
            }
        }
        if (tags.has("h")) {
            throw new Stop(what + " has h=, which an ARC-Seal must not have (RFC 8617 4.1.3)", false);
        }
        String algorithm = algorithm(tags, what);
        KeyRecord key = key(tags, algorithm, keys, what);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int j = 1; j <= i; j++) {
            ArcSet s = sets.get(j);
            Canonicalization.RELAXED.header(s.aar.raw().toString(StandardCharsets.ISO_8859_1), true, data);
            Canonicalization.RELAXED.header(s.ams.raw().toString(StandardCharsets.ISO_8859_1), true, data);
            String seal = s.seal.raw().toString(StandardCharsets.ISO_8859_1);
            if (j < i) {
                Canonicalization.RELAXED.header(seal, true, data);
            } else {
                Canonicalization.RELAXED.header(TagList.withoutValue(Canonicalization.stripLineBreak(seal), "b"), false,
                        data);
            }
        }
        if (!DkimCrypto.verify(algorithm, key.key(), data.toByteArray(),
                base64(tags.compact("b").orElseThrow(), what))) {
            throw new Stop(what + " did not verify", false);
        }
    }

    private static String algorithm(TagList tags, String what) throws Stop {
        String a = tags.get("a").orElse("").toLowerCase(Locale.ROOT);
        if (!a.equals(DkimCrypto.RSA_SHA256) && !a.equals(DkimCrypto.ED25519_SHA256)) {
            throw new Stop(what + " uses a=" + a + "; ARC signs with rsa-sha256 (RFC 8617 4.1.2)"
                    + " or ed25519-sha256", false);
        }
        return a;
    }

    private static KeyRecord key(TagList tags, String algorithm, KeyLookup keys, String what) throws Stop {
        String selector = tags.get("s").orElse("");
        String domain = tags.get("d").orElse("").toLowerCase(Locale.ROOT);
        KeyRecord key = switch (keys.key(selector, domain)) {
            case KeyLookup.Found f -> f.key();
            case KeyLookup.Missing m -> throw new Stop(what + ": " + m.reason(), m.kind() == KeyLookup.Kind.TEMPORARY);
        };
        Optional<String> refusal = key.refusal(algorithm, selector, domain);
        if (refusal.isPresent()) {
            throw new Stop(what + ": " + refusal.get(), false);
        }
        return key;
    }

    private static byte[] base64(String value, String what) throws Stop {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new Stop(what + ": b= or bh= is not base64", false);
        }
    }
}
